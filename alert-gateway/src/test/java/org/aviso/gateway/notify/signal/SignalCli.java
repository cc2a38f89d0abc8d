package org.aviso.gateway.notify.signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock standing in for {@code signal-cli daemon --http}, saying what the contract says: JSON-RPC over
 * {@code POST /api/v1/rpc}, errors with HTTP 200, the request's id echoed back.
 */
final class SignalCli {

    static final String ACCOUNT = "+15550100001";

    private SignalCli() {
    }

    static WireMockExtension daemon() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** A JSON-RPC call of this method, as signal-cli accepts it (a Content-Type that starts with application/json). */
    static MappingBuilder rpc(String method) {
        return post(urlEqualTo(SignalRpcClient.RPC_PATH))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(matchingJsonPath("$.method", equalTo(method)));
    }

    /** HTTP 200 with one of the contract's bodies from {@code signal/rpc/}, echoing the request's id. */
    static ResponseDefinitionBuilder answer(String name) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(resource("signal/rpc/" + name + ".json"))
                .withTransformers("response-template");
    }

    static String resource(String path) {
        try (InputStream in = SignalCli.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LoggedRequest> calls(WireMockExtension daemon, String method) {
        return daemon.findAll(postRequestedFor(urlEqualTo(SignalRpcClient.RPC_PATH))
                .withRequestBody(matchingJsonPath("$.method", equalTo(method))));
    }

    /** A port nobody listens on, so a connection to it is refused. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
