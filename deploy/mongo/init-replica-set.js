// Initiates the replica set rs0 of compose.yaml's mongo1, mongo2 and mongo3 (once: a second run finds it initiated),
// waits until it has a primary, and makes w: majority the cluster-wide default write concern.
// Run by the mongo-init service: mongosh --host mongo1:27017 --quiet /scripts/init-replica-set.js
const config = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo1:27017", priority: 2 },
    { _id: 1, host: "mongo2:27017", priority: 1 },
    { _id: 2, host: "mongo3:27017", priority: 1 },
  ],
};

try {
  const status = rs.status();
  print(`replica set ${status.set} is already initiated`);
} catch (e) {
  if (e.codeName !== "NotYetInitialized") {
    throw e;
  }
  rs.initiate(config);
  print("replica set rs0 initiated");
}

const deadline = Date.now() + 120 * 1000;
let hello = db.hello();
while (!hello.primary) {
  if (Date.now() > deadline) {
    print("no primary elected within 120 s");
    quit(1);
  }
  sleep(1000);
  hello = db.hello();
}
print(`primary: ${hello.primary}`);

const admin = new Mongo(hello.primary).getDB("admin");
const result = admin.runCommand({ setDefaultRWConcern: 1, defaultWriteConcern: { w: "majority" } });
if (result.ok !== 1) {
  printjson(result);
  quit(1);
}
print("default write concern: majority");
