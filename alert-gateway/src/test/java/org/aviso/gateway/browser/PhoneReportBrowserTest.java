package org.aviso.gateway.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import org.aviso.core.common.ShortCode;
import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.report.ReportStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.aviso.gateway.testing.DatabaseCleaner;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The site contact's phone form under stress (issue 15), in a real browser on a phone-sized screen: a draft kept
 * after a refusal never slips into the next report, and a camera photo far over the server's limit is made small
 * on the phone and arrives without its GPS position. Screenshots and axe-core checks in English and Spanish.
 */
@BrowserTest
class PhoneReportBrowserTest {

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale ES = Locale.forLanguageTag("es");
    private static final String LINCOLN = "Lincoln Elementary";
    private static final String KEY = "aviso.report.draft";

    private static Chromium chromium;
    private static PageChecks drafts;
    private static PageChecks photos;
    private static PageChecks fit;
    private static PageChecks console;

    @LocalServerPort
    int port;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    ReportStore reports;
    @Autowired
    MessageSource messages;
    @Autowired
    DataSource dataSource;
    @Autowired
    java.time.Clock clock;
    @Autowired
    ApplicationContext spring;

    /** Each test enrolls a phone with the demo's one-time codes: each starts from empty tables and a fresh seed. */
    @BeforeEach
    void emptyTables() {
        DatabaseCleaner.clean(dataSource);
        spring.getBeansOfType(CleanDatabaseExtension.ResetAfterClean.class).values()
                .forEach(CleanDatabaseExtension.ResetAfterClean::reset);
    }

    @BeforeAll
    static void startTheBrowser() {
        // the machine is shared: allow for a slow answer rather than fail on one
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        chromium = Chromium.launch();
        drafts = new PageChecks(Path.of("target", "screenshots", "i15", "drafts"));
        photos = new PageChecks(Path.of("target", "screenshots", "i15", "photo"));
        fit = new PageChecks(Path.of("target", "screenshots", "i15", "fit"));
        console = new PageChecks(Path.of("target", "screenshots", "i15", "console"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void afterARefusedAttemptSendNowSendsOnlyWhatIsOnTheScreen() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        try (Visitor phone = Visitor.onPhone(chromium.browser(), "http://localhost:" + port, EN)) {
            Page page = phone.page;
            phone.context.setDefaultTimeout(30_000);
            enroll(phone, seed);

            // an attempt the server refuses: the text is too long (this browser let more through than maxlength)
            page.locator("#choices-location").getByLabel(text(EN, "salute.location.AT_ENTRANCE")).tap();
            page.evaluate("document.getElementById('text').removeAttribute('maxlength')");
            String tooLong = "Two vans at the entrance. " + "x".repeat(Report.MAX_TEXT_LENGTH);
            page.locator("#text").fill(tooLong);
            page.locator("#send-report").tap();
            assertThat(page.locator("#form-errors")).containsText(text(EN, "report.error.textTooLong"));
            assertThat(page.locator("#form-errors")).isFocused();
            // nothing typed was lost
            assertThat(page.locator("#text")).hasValue(tooLong);
            assertThat(page.locator("#location-AT_ENTRANCE")).isChecked();
            drafts.look(page, "refused-en");

            // later, the form again: the old attempt is shown as a draft, apart from the empty form
            page.navigate("/report");
            assertThat(page.locator("#draft-panel")).isVisible();
            assertThat(page.locator("#draft-reasons")).containsText(text(EN, "report.error.textTooLong"));
            assertThat(page.locator("#draft-contents")).containsText(text(EN, "salute.location.AT_ENTRANCE"));
            assertThat(page.locator("#draft-contents")).containsText("Two vans at the entrance");
            assertThat(page.locator("#location-UNKNOWN")).isChecked();
            assertThat(page.locator("#text")).hasValue("");
            drafts.audit(phone, "draft-shown-as-draft");

            // one tap on "Send now": only what the screen shows goes
            page.locator("#send-now").tap();
            page.waitForURL("**/report/status/**");
            String code = page.locator("#report-code").textContent().strip();
            Report stored = reports.findByCode(seed.network(), ShortCode.parse(code)).orElseThrow().report();
            assertThat(stored.salute().location()).isEqualTo(Salute.LocationHint.UNKNOWN);
            assertThat(stored.text()).isEmpty();
            assertThat(stored.salute()).isEqualTo(new Salute(Salute.Size.UNKNOWN, Salute.Activity.UNKNOWN,
                    Salute.LocationHint.UNKNOWN, Salute.Agency.UNKNOWN, Salute.ObservedTime.UNKNOWN,
                    Salute.Equipment.UNKNOWN));
            // the report was accepted: no draft is left behind
            assertThat(page.evaluate("localStorage.getItem('" + KEY + "')")).isNull();
            drafts.look(page, "sent-only-the-screen-en");

            // a draft kept, then put back on purpose, is sent as it shows
            page.navigate("/report");
            page.locator("#choices-size").getByLabel(text(EN, "salute.size.TWO_TO_FIVE")).tap();
            page.locator("#text").fill("By the gym");
            page.navigate("/report");
            assertThat(page.locator("#draft-panel")).isVisible();
            assertThat(page.locator("#draft-refused")).isHidden();
            page.locator("#draft-use").tap();
            assertThat(page.locator("#draft-panel")).isHidden();
            assertThat(page.locator("#text")).hasValue("By the gym");
            assertThat(page.locator("#size-TWO_TO_FIVE")).isChecked();

            // a draft older than the time drafts are kept is deleted, not shown
            page.evaluate("(k) => { const d = JSON.parse(localStorage.getItem(k)); d.savedAt = Date.now() - 31 * 60000;"
                    + " localStorage.setItem(k, JSON.stringify(d)); }", KEY);
            page.navigate("/report");
            assertThat(page.locator("#draft-panel")).isHidden();
            assertThat(page.evaluate("localStorage.getItem('" + KEY + "')")).isNull();

            // a draft typed under another enrollment of this phone is deleted, not shown
            page.locator("#text").fill("At the side door");
            page.evaluate("(k) => { const d = JSON.parse(localStorage.getItem(k)); d.owner = 'another-enrollment';"
                    + " localStorage.setItem(k, JSON.stringify(d)); }", KEY);
            page.navigate("/report");
            assertThat(page.locator("#draft-panel")).isHidden();
            assertThat(page.evaluate("localStorage.getItem('" + KEY + "')")).isNull();

            // enrolling again starts without a draft
            page.locator("#text").fill("At the side door");
            assertThat(page.evaluate("localStorage.getItem('" + KEY + "')")).isNotNull();
            page.navigate("/enroll");
            assertThat(page.evaluate("localStorage.getItem('" + KEY + "')")).isNull();
        }
        drafts.assertAccessible();
    }

    @Test
    void aFourteenMegabyteCameraPhotoIsScaledOnThePhoneAndStoredWithoutItsGpsPosition() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        byte[] camera = cameraPhoto();
        assertThat(camera.length).as("the camera photo's size").isGreaterThanOrEqualTo(14 * 1024 * 1024);
        assertThat(indexOf(camera, "GPS-TEST-MARK".getBytes(StandardCharsets.US_ASCII))).isPositive();
        Path file = Path.of("target", "i15-IMG_0412.JPG").toAbsolutePath();
        try {
            Files.write(file, camera);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        try (Visitor phone = Visitor.onPhone(chromium.browser(), "http://localhost:" + port, ES)) {
            Page page = phone.page;
            phone.context.setDefaultTimeout(30_000);
            enroll(phone, seed);
            List<byte[]> uploads = new CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if ("POST".equals(request.method()) && request.url().endsWith("/report")) {
                    uploads.add(request.postDataBuffer());
                }
            });
            page.locator("#choices-size").getByLabel(text(ES, "salute.size.TWO_TO_FIVE")).tap();
            page.locator("#text").fill("Dos camionetas frente a la entrada.");
            // from a file, as a phone's picker gives it (not sent through Playwright's connection: 14 MB takes long there)
            page.locator("#photo").setInputFiles(file, new Locator.SetInputFilesOptions().setTimeout(120_000));
            assertThat(page.locator("#photo-status")).hasText(text(ES, "report.photo.ready"),
                    new LocatorAssertions.HasTextOptions().setTimeout(120_000));
            assertThat(page.locator("#photo-error")).isHidden();
            photos.audit(phone, "photo-ready", twin -> {
                twin.setDefaultTimeout(60_000);
                twin.navigate("/report");
                twin.locator("#photo").setInputFiles(file, new Locator.SetInputFilesOptions().setTimeout(120_000));
                assertThat(twin.locator("#photo-status")).hasText(text(EN, "report.photo.ready"));
            });

            page.locator("#send-report").tap();
            page.waitForURL("**/report/status/**");
            photos.look(page, "photo-sent-es");

            assertThat(uploads).hasSize(1);
            byte[] upload = uploads.get(0);
            assertThat(upload.length).as("bytes uploaded for a 14 MB photo").isLessThan(10 * 1024 * 1024);
            assertThat(indexOf(upload, "Exif".getBytes(StandardCharsets.US_ASCII))).as("EXIF in the upload").isNegative();
            assertThat(indexOf(upload, "GPS-TEST-MARK".getBytes(StandardCharsets.US_ASCII))).isNegative();

            String code = page.locator("#report-code").textContent().strip();
            ReportStore.StoredReport stored = reports.findByCode(seed.network(), ShortCode.parse(code)).orElseThrow();
            assertThat(stored.report().text()).isEqualTo("Dos camionetas frente a la entrada.");
            ReportStore.Photo photo = reports.photo(seed.network(), stored.report().id()).orElseThrow();
            assertThat(photo.contentType()).isEqualTo("image/jpeg");
            assertThat(hasApp1(photo.bytes())).as("an EXIF/XMP segment in the stored photo").isFalse();
            assertThat(indexOf(photo.bytes(), "GPS-TEST-MARK".getBytes(StandardCharsets.US_ASCII))).isNegative();
            BufferedImage image = read(photo.bytes());
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(2048);
        }
        photos.assertAccessible();
    }

    @Test
    void aFileThatIsNotAPictureIsRefusedNextToThePhotoFieldWithFocusAndNothingTypedIsLost() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        try (Visitor phone = Visitor.onPhone(chromium.browser(), "http://localhost:" + port, ES)) {
            Page page = phone.page;
            phone.context.setDefaultTimeout(30_000);
            enroll(phone, seed);
            page.locator("#choices-location").getByLabel(text(ES, "salute.location.PARKING_LOT")).tap();
            page.locator("#text").fill("Junto a la cancha.");
            page.locator("#photo").setInputFiles(new FilePayload("notes.jpg", "image/jpeg",
                    "not a picture at all".getBytes(StandardCharsets.US_ASCII)));
            assertThat(page.locator("#photo-error")).hasText(text(ES, "report.error.photoType"));
            assertThat(page.locator("#photo-error")).hasAttribute("role", "alert");
            assertThat(page.locator("#photo-error")).isFocused();
            assertThat(page.locator("#photo")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#text")).hasValue("Junto a la cancha.");
            assertThat(page.locator("#location-PARKING_LOT")).isChecked();
            assertThat(page.locator("#photo-error")).isInViewport();
            photos.look(page, "photo-refused-es");
            // and the report still goes, without the photo
            page.locator("#send-report").tap();
            page.waitForURL("**/report/status/**");
            String code = page.locator("#report-code").textContent().strip();
            ReportStore.StoredReport stored = reports.findByCode(seed.network(), ShortCode.parse(code)).orElseThrow();
            assertThat(stored.hasPhoto()).isFalse();
            assertThat(stored.report().salute().location()).isEqualTo(Salute.LocationHint.PARKING_LOT);
        }
    }

    /** What does not fit a 320 px screen at 200% text: tiles or labels wider than their box, circles shrunk. */
    private static final String MISFITS = """
            () => {
              const out = [];
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth > width) {
                out.push('page ' + document.documentElement.scrollWidth + ' px wide on ' + width + ' px');
              }
              const circles = new Set();
              document.querySelectorAll('#report-form .choices label').forEach(label => {
                const box = label.getBoundingClientRect();
                const tile = label.closest('fieldset').getBoundingClientRect();
                if (label.scrollWidth > label.clientWidth || box.right > tile.right + 0.5 || box.right > width) {
                  out.push('tile ' + label.textContent.trim() + ' overflows');
                }
                const span = label.querySelector('span');
                if (span.scrollWidth > span.clientWidth + 0.5) {
                  out.push('label ' + span.textContent.trim() + ' overflows');
                }
                const circle = label.querySelector('input').getBoundingClientRect();
                circles.add(Math.round(circle.width) + 'x' + Math.round(circle.height));
              });
              document.querySelectorAll('#main *').forEach(el => {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && r.right > width + 0.5) { out.push((el.id || el.tagName) + ' ends at ' + r.right); }
              });
              if (circles.size !== 1) { out.push('radio circles of different sizes: ' + [...circles]); }
              return out;
            }""";

    @Test
    void theFormAndItsTilesFitA320PixelScreenAt200PercentTextInEnglishAndSpanish() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        try (Visitor english = Visitor.onPhone(chromium.browser(), "http://localhost:" + port, EN)) {
            english.context.setDefaultTimeout(30_000);
            enroll(english, seed);
            try (Visitor spanish = english.onAPhoneInTheOtherLanguage()) {
                spanish.context.setDefaultTimeout(30_000);
                for (Visitor phone : List.of(english, spanish)) {
                    Page page = phone.page;
                    page.setViewportSize(320, 640);
                    page.navigate("/report");
                    assertThat(page.locator("h1")).hasText(text(phone.language, "report.heading"));
                    // a phone's text size at 200%: every rem doubles
                    page.evaluate("document.documentElement.style.fontSize = '200%'");
                    // a wrapped label next to a one-line one, as with the longest labels
                    page.locator("#choices-location").getByLabel(text(phone.language, "salute.location.PARKING_LOT"))
                            .tap();
                    @SuppressWarnings("unchecked")
                    List<String> misfits = (List<String>) page.evaluate(MISFITS);
                    fit.look(page, "form-320px-200pct-" + phone.languageTag());
                    assertThat(misfits).as("what does not fit at 320 px, 200%% text [%s]", phone.languageTag())
                            .isEmpty();
                    double circle = ((Number) page.evaluate(
                            "document.getElementById('location-PARKING_LOT').getBoundingClientRect().width")).doubleValue();
                    assertThat(circle).as("a radio circle at 200%% text").isCloseTo(1.4 * 32, within(1.0));
                }
            }
            fit.audit(english, "form-phone");
        }
        fit.assertAccessible();
    }

    @Test
    void theConsoleOnAPhoneShowsHowLongEachReportHasWaitedMostUrgentFirst() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        String base = "http://localhost:" + port;
        try (Visitor phone = Visitor.onPhone(chromium.browser(), base, EN);
                Visitor dana = Visitor.onPhone(chromium.browser(), base, EN)) {
            phone.context.setDefaultTimeout(30_000);
            dana.context.setDefaultTimeout(30_000);
            enroll(phone, seed);
            String quiet = sendFromThePhone(phone, "salute.activity.PASSING_BY");
            String detaining = sendFromThePhone(phone, "salute.activity.DETAINING_SOMEONE");

            dana.page.navigate("/signin");
            dana.submitSignIn(seed.accounts().stream().filter(a -> a.username().equals("dana")).findFirst()
                    .orElseThrow(), clock.instant());
            dana.page.waitForURL("**/console");
            var rows = dana.page.locator("#open-reports tbody tr");
            assertThat(rows).hasCount(2);
            // both unclaimed, both arrived within the same minute or so: someone being detained comes first
            assertThat(rows.nth(0)).containsText(detaining);
            assertThat(rows.nth(1)).containsText(quiet);
            assertThat(rows.nth(0).locator(".waited")).hasText(java.util.regex.Pattern.compile(
                    "^waiting \\d+ min$"));
            console.audit(dana, "console-queue-by-urgency");
        }
        console.assertAccessible();
    }

    private String sendFromThePhone(Visitor phone, String activityKey) {
        Page page = phone.page;
        page.navigate("/report");
        page.locator("#choices-activity").getByLabel(text(EN, activityKey)).tap();
        page.locator("#send-now").tap();
        page.waitForURL("**/report/status/**");
        return page.locator("#report-code").textContent().strip();
    }

    private void enroll(Visitor phone, DemoSeeder.DemoSeed seed) {
        String code = seed.enrollments().stream().filter(e -> e.site().equals(LINCOLN)).findFirst().orElseThrow()
                .enrollment().code().display();
        Page page = phone.page;
        page.navigate("/enroll#" + code);
        assertThat(page.locator("#code")).hasValue(code);
        page.locator("#enroll-form button[type=submit]").tap();
        assertThat(page.locator("h1")).hasText(text(phone.language, "enroll.done.heading"));
        page.navigate("/report");
        assertThat(page.locator("h1")).hasText(text(phone.language, "report.heading"));
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    // ---- a camera photo: 12 megapixels of fine detail (noise), saved at high quality, with an EXIF GPS block

    static byte[] cameraPhoto() {
        int width = 4032;
        int height = 3024;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(15);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt(0x1000000);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        // the quality a camera saves at: high enough that 12 megapixels of fine detail take more than 14 MB
        for (float quality : new float[] {0.95f, 0.98f, 1.0f}) {
            byte[] jpeg = jpeg(image, quality);
            if (jpeg.length >= 14 * 1024 * 1024) {
                return withExif(jpeg, exifWithGps());
            }
        }
        throw new IllegalStateException("could not make a 14 MB photo");
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** An APP1 "Exif" segment (big-endian TIFF) whose IFD0 points to a GPS IFD: 37°46'N 122°25'W, and a marker. */
    static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(256);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries (ImageDescription with a marker, GPSInfo), then next-IFD 0
        int ifd0Size = 2 + 2 * 12 + 4;
        int markerAt = 8 + ifd0Size;
        byte[] marker = "GPS-TEST-MARK\0".getBytes(StandardCharsets.US_ASCII);
        int gpsAt = markerAt + marker.length + (marker.length % 2);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(marker.length).putInt(markerAt);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
        tiff.putInt(0);
        tiff.put(marker);
        if (marker.length % 2 == 1) {
            tiff.put((byte) 0);
        }
        // GPS IFD: LatitudeRef, Latitude, LongitudeRef, Longitude
        int gpsSize = 2 + 4 * 12 + 4;
        int latAt = gpsAt + gpsSize;
        int lonAt = latAt + 24;
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latAt);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'W', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(lonAt);
        tiff.putInt(0);
        tiff.putInt(37).putInt(1).putInt(46).putInt(1).putInt(2964).putInt(100);
        tiff.putInt(122).putInt(1).putInt(25).putInt(1).putInt(984).putInt(100);
        byte[] body = new byte[tiff.position()];
        tiff.flip().get(body);
        ByteBuffer segment = ByteBuffer.allocate(4 + 6 + body.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(body);
        return segment.array();
    }

    /** The segment right after SOI, where cameras put it. */
    private static byte[] withExif(byte[] jpeg, byte[] app1) {
        byte[] result = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(app1, 0, result, 2, app1.length);
        System.arraycopy(jpeg, 2, result, 2 + app1.length, jpeg.length - 2);
        return result;
    }

    /** Whether the JPEG has an APP1 segment (EXIF or XMP) before its image data. */
    static boolean hasApp1(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xE1) {
                return true;
            }
            if (marker == 0xDA) {
                return false;
            }
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            at += 2 + length;
        }
        return false;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
