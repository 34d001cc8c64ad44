package cn.shuangcheng.localstack.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver (test.sh installs both): explicit waits only,
 * screenshots at the office screen's and a phone's size, downloads into a directory of the test's, and axe-core
 * (committed under src/test/resources/axe-core) run in the page.
 */
final class Browser implements AutoCloseable {

    static final Dimension OFFICE_SCREEN = new Dimension(1366, 768);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Path downloads;
    private final String axe;

    Browser(Path screenshots, Path downloads) throws IOException {
        this.screenshots = Files.createDirectories(screenshots);
        this.downloads = Files.createDirectories(downloads);
        try (InputStream script = Browser.class.getResourceAsStream("/axe-core/axe.min.js")) {
            this.axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROMIUM", "/usr/bin/chromium"));
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--window-size=" + OFFICE_SCREEN.width + "," + OFFICE_SCREEN.height);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "zh-CN"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("CHROMEDRIVER", "/usr/bin/chromedriver"))).build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    private static String executable(String variable, String debianPath) {
        String configured = System.getenv(variable);
        return configured == null || configured.isBlank() ? debianPath : configured;
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Goes to a page of the dashboard without reloading it (the token is in the page's memory) and waits for it. */
    void show(String route, String page) {
        driver.executeScript("location.hash = arguments[0]", route);
        awaitShown(page);
    }

    void awaitShown(String page) {
        waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#page[data-shown='" + page + "'][aria-busy='false']")));
        waiting().until(d -> !((String) ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('freshness').textContent")).isEmpty());
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Saves the page at the office screen's size and at a phone's, then comes back to the office screen. */
    void screenshots(String name) throws IOException {
        for (Dimension size : List.of(PHONE, OFFICE_SCREEN)) {
            driver.manage().window().setSize(size);
            waiting().until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth"))
                    .intValue() <= size.width);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve(name + "-" + size.width + "x" + size.height + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Path screenshotFile(String name) {
        return screenshots.resolve(name);
    }

    /** axe-core's serious and critical findings on the page as it is, one line each (rule, impact, nodes). */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityFindings() {
        driver.executeScript(axe);
        return (List<String>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))));
                """);
    }

    /** Waits for a finished download whose name ends so (Chromium writes .crdownload until done). */
    Path awaitDownload(String suffix) {
        return waiting().until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    @Override
    public void close() {
        driver.quit();
    }

}
