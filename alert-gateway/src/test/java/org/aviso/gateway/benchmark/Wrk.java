package org.aviso.gateway.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stub's ceiling, measured by a load tool rather than a Java loop: Debian's {@code wrk}, posting the same
 * one-recipient Signal send Aviso makes in its one-request-per-recipient mode, after a warm-up of the same length.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private Wrk() {
    }

    /** Requests per second wrk gets from the stub's Signal endpoint, or 0 when wrk is not installed. */
    static double ceiling(StubProviders stub, int connections, Duration duration) throws IOException,
            InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.out.println("wrk is not installed (apt-get install -y wrk): no ceiling measured");
            return 0;
        }
        Path script = Files.createTempFile("aviso-wrk", ".lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = '{"jsonrpc":"2.0","id":"wrk","method":"send","params":{"account":"+15550100001",\
                "recipients":["+15550000001"],"message":"x"}}'
                """);
        run(stub, script, connections, duration); // warm-up: the stub's JIT and threads
        double rate = run(stub, script, connections, duration);
        Files.deleteIfExists(script);
        return rate;
    }

    private static double run(StubProviders stub, Path script, int connections, Duration duration)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "-s",
                script.toString(), stub.baseUrl() + "/api/v1/rpc").redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher rate = RATE.matcher(output);
        if (!rate.find() || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk did not measure the stub: " + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
