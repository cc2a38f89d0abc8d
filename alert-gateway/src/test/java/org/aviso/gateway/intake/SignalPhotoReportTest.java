package org.aviso.gateway.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.CameraPhotos;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A site contact texts a report over Signal with a camera photo (EXIF with a GPS position) and a PDF; WireMock
 * stands in for signal-cli as its contract and source say: the message arrives on the SSE stream
 * ({@code dataMessage.attachments[]} with {@code contentType}, {@code id}, {@code size}), and the file's bytes come
 * from the {@code getAttachment} JSON-RPC method ({@code {"id", "recipient"}} in, {@code {"data": base64}} out). The
 * report is marked by message; the photo is kept without its metadata, encrypted, and shown on the report's page;
 * the PDF is never fetched, a file signal-cli lost (-1) is counted as not kept; the contact is answered with the code
 * and what was kept. A photo from an unknown number is never fetched either.
 */
@AvisoTest
@AutoConfigureMockMvc
class SignalPhotoReportTest {

    static final String ACCOUNT = "+15550100001";
    static final String CONTACT_ACI = "5e1f2a3b-0000-4c6d-8e9f-a0b1c2d3e4f5";
    static final String STRANGER = "+15550199991";
    static final long AT = 1752400060000L;
    static final WireMockServer signalCli = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        signalCli.start();
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("aviso.signal.base-url", signalCli::baseUrl);
        registry.add("aviso.signal.accounts", () -> ACCOUNT);
        registry.add("aviso.signal.reconnect-min", () -> "50ms");
        registry.add("aviso.signal.reconnect-max", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        signalCli.stop();
    }

    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReportStore reports;
    @Autowired
    MockMvc mvc;

    @Test
    void aSiteContactsPhotoArrivesWithoutItsMetadataEncryptedAndOnTheReportPage() throws Exception {
        TestData.SmallNetwork lincoln = data.smallNetwork("Lincoln");
        PersonId contact = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.SITE_CONTACT),
                Language.SPANISH, SignalStatus.ON_SIGNAL, "Rosa");
        String contactNumber = data.phoneOf(lincoln.network(), contact);
        byte[] camera = CameraPhotos.jpegWithGps(640, 480);
        assertThat(CameraPhotos.hasApp1(camera)).as("the camera's photo has EXIF").isTrue();
        assertThat(CameraPhotos.indexOf(camera, CameraPhotos.MARKER)).isPositive();
        stubSignalCli(contactNumber, camera);

        signalCli.setScenarioState("stream", "message");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("select count(*) from report where network_id = ? and by_message", Long.class,
                        lincoln.network().value()) == 1
                        && jdbc.queryForObject("select count(*) from message_report where network_id = ?", Long.class,
                        lincoln.network().value()) == 1);

        ReportId report = new ReportId(jdbc.queryForObject("select id from report where network_id = ? and by_message",
                UUID.class, lincoln.network().value()));
        ReportStore.StoredReport stored = reports.find(lincoln.network(), report).orElseThrow();
        assertThat(stored.reporterPerson()).contains(contact.value());
        assertThat(stored.report().text()).isEqualTo("Dos camionetas en la entrada");

        // kept: one photo, no EXIF, no GPS marker, still a picture of the same size
        assertThat(reports.photoCount(lincoln.network(), report)).isEqualTo(1);
        ReportStore.Photo photo = reports.photo(lincoln.network(), report, 0).orElseThrow();
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(CameraPhotos.hasApp1(photo.bytes())).as("an EXIF/XMP segment in the stored photo").isFalse();
        assertThat(CameraPhotos.indexOf(photo.bytes(), CameraPhotos.MARKER)).as("the GPS marker").isNegative();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);

        // encrypted at rest: the column holds neither a JPEG nor the photo's bytes
        byte[] atRest = jdbc.queryForObject("select photo_ct from report_photo where report_id = ?", byte[].class,
                report.value());
        assertThat((atRest[0] & 0xff) == 0xff && (atRest[1] & 0xff) == 0xd8).as("a plain JPEG at rest").isFalse();
        assertThat(CameraPhotos.indexOf(atRest, java.util.Arrays.copyOfRange(photo.bytes(), 200, 232)))
                .as("the photo's bytes at rest").isNegative();

        // on the report's page, and served to a dispatcher of the network
        String page = mvc.perform(MockMvcRequestBuilders.get("/console/reports/" + report.value())
                        .with(signedInAs(lincoln.dispatcherASignedIn())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"report-photo\"").contains("/console/reports/" + report.value() + "/photo")
                .contains("id=\"by-message\"");
        byte[] served = mvc.perform(MockMvcRequestBuilders.get("/console/reports/" + report.value() + "/photo")
                        .with(signedInAs(lincoln.dispatcherASignedIn())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(served).isEqualTo(photo.bytes());

        // fetched as the contract says, and only what is kept: never the PDF, never the stranger's photo
        List<LoggedRequest> fetches = rpc("getAttachment");
        assertThat(fetches).as("the photo and the file signal-cli lost; never the PDF or the stranger's photo")
                .hasSize(2).allSatisfy(call -> assertThat(call.getBodyAsString())
                        .contains("\"recipient\":\"" + CONTACT_ACI + "\"").contains("\"account\":\"" + ACCOUNT + "\""))
                .anySatisfy(call -> assertThat(call.getBodyAsString()).contains("\"id\":\"photo-1.jpg\""))
                .anySatisfy(call -> assertThat(call.getBodyAsString()).contains("\"id\":\"gone.jpg\""));

        // the contact hears the code and what was kept, in Spanish; the stranger gets the queue's code
        await().atMost(Duration.ofSeconds(10)).until(() -> rpc("send").size() == 2);
        String receipt = rpc("send").stream().map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains(CONTACT_ACI)).findFirst().orElseThrow();
        assertThat(receipt).contains(stored.report().code().display())
                .contains("Fotos guardadas con el reporte: 1").contains("No guardados: 2 archivo(s)");
    }

    private static List<LoggedRequest> rpc(String method) {
        return signalCli.findAll(postRequestedFor(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(matchingJsonPath("$.method", equalTo(method))));
    }

    private void stubSignalCli(String contactNumber, byte[] camera) {
        signalCli.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(9)
                .willReturn(json("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not implemented\","
                        + "\"data\":null},\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        signalCli.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(5)
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .willReturn(json("{\"jsonrpc\":\"2.0\",\"result\":{\"timestamp\":" + (AT + 5000) + ",\"results\":[{"
                        + "\"recipientAddress\":{\"uuid\":null,\"number\":null,\"username\":null},\"type\":\"SUCCESS\"}]},"
                        + "\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        for (String[] file : new String[][] {
                {"photo-1.jpg", Base64.getEncoder().encodeToString(camera)},
                {"notes.pdf", Base64.getEncoder().encodeToString("%PDF-1.4 not a photo".getBytes(StandardCharsets.US_ASCII))},
                {"stranger.jpg", Base64.getEncoder().encodeToString(camera)}}) {
            signalCli.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(1)
                    .withHeader("Content-Type", matching("application/json.*"))
                    .withRequestBody(matchingJsonPath("$.method", equalTo("getAttachment")))
                    .withRequestBody(matchingJsonPath("$.params.id", equalTo(file[0])))
                    .willReturn(json("{\"jsonrpc\":\"2.0\",\"result\":{\"data\":\"" + file[1] + "\"},"
                            + "\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        }
        // a file signal-cli no longer has: its answer for a FileNotFoundException (-1, UserErrorException)
        signalCli.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("getAttachment")))
                .withRequestBody(matchingJsonPath("$.params.id", equalTo("gone.jpg")))
                .willReturn(json("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":"
                        + "\"Could not find attachment with ID: gone.jpg\",\"data\":null},"
                        + "\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        String fromContact = "{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"source\":\"" + contactNumber
                + "\",\"sourceNumber\":\"" + contactNumber + "\",\"sourceUuid\":\"" + CONTACT_ACI + "\",\"sourceName\":\"Rosa\","
                + "\"sourceDevice\":1,\"timestamp\":" + AT + ",\"serverReceivedTimestamp\":" + (AT + 20)
                + ",\"serverDeliveredTimestamp\":" + (AT + 30) + ",\"dataMessage\":{\"timestamp\":" + AT
                + ",\"message\":\"Dos camionetas en la entrada\",\"expiresInSeconds\":0,\"isExpirationUpdate\":false,"
                + "\"viewOnce\":false,\"attachments\":["
                + "{\"contentType\":\"image/jpeg\",\"filename\":\"IMG_0412.JPG\",\"id\":\"photo-1.jpg\",\"size\":"
                + camera.length + ",\"width\":640,\"height\":480,\"caption\":null,\"uploadTimestamp\":" + (AT - 500) + "},"
                + "{\"contentType\":\"application/pdf\",\"filename\":\"plan.pdf\",\"id\":\"notes.pdf\",\"size\":20,"
                + "\"width\":null,\"height\":null,\"caption\":null,\"uploadTimestamp\":" + (AT - 400) + "},"
                + "{\"contentType\":\"image/jpeg\",\"filename\":\"IMG_0413.JPG\",\"id\":\"gone.jpg\",\"size\":2048}]}}}";
        String fromStranger = "{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"source\":\"" + STRANGER
                + "\",\"sourceNumber\":\"" + STRANGER + "\",\"sourceUuid\":\"9a8b7c6d-0000-4e5f-8a9b-0c1d2e3f4a5b\","
                + "\"sourceName\":null,\"sourceDevice\":1,\"timestamp\":" + (AT + 1000) + ",\"serverReceivedTimestamp\":"
                + (AT + 1020) + ",\"serverDeliveredTimestamp\":" + (AT + 1030) + ",\"dataMessage\":{\"timestamp\":"
                + (AT + 1000) + ",\"message\":\"hay carros de la migra afuera\",\"expiresInSeconds\":0,"
                + "\"isExpirationUpdate\":false,\"viewOnce\":false,\"attachments\":[{\"contentType\":\"image/jpeg\","
                + "\"filename\":\"a.jpg\",\"id\":\"stranger.jpg\",\"size\":" + camera.length + "}]}}}";
        signalCli.stubFor(get(urlPathEqualTo("/api/v1/events")).inScenario("stream")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(sse(":\n\n")));
        signalCli.stubFor(get(urlPathEqualTo("/api/v1/events")).inScenario("stream")
                .whenScenarioStateIs("message")
                .willReturn(sse("event:receive\ndata:" + fromContact + "\n\n:\nevent:receive\ndata:" + fromStranger + "\n\n"))
                .willSetStateTo("drained"));
        signalCli.stubFor(get(urlPathEqualTo("/api/v1/events")).inScenario("stream")
                .whenScenarioStateIs("drained").willReturn(sse(":\n\n")));
        signalCli.stubFor(get(urlEqualTo("/api/v1/check")).willReturn(aResponse().withStatus(200)));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)
                .withTransformers("response-template");
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
