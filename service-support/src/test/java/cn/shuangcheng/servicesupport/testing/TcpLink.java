package cn.shuangcheng.servicesupport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between a client and a server (the shared MongoDB stand-in, a Kafka broker's bootstrap address) that a
 * test can cut and restore, as a network blip or a failover does: while cut, every open connection is closed and new
 * ones are closed at once. The server and its data stay where they are, so a client that retried can be seen
 * finishing its work after the restore. A Kafka client goes through the link for its bootstrap only: the broker then
 * names its own address.
 */
public final class TcpLink implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    /** @param target {@code host:port}, or a URI naming them ({@code mongodb://127.0.0.1:27017}) */
    public TcpLink(String target) throws IOException {
        URI uri = URI.create("tcp://" + target.replaceFirst("^[a-z]+://", ""));
        this.target = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients connect: {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /**
     * A MongoDB connection string through the link, with short timeouts, so that a cut surfaces as a failure in about
     * a second, not after the driver's 30 s.
     */
    public String mongoConnectionString() {
        return "mongodb://" + address() + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000&socketTimeoutMS=5000";
    }

    public void cut() {
        cut = true;
        open.forEach(TcpLink::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // closed, or the stand-in refused: the client sees a failed connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-link-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
