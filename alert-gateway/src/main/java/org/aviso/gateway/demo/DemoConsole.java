package org.aviso.gateway.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints first-sign-in credentials straight to the terminal that started Aviso, once. They go to standard output
 * rather than through the logging system on purpose: log files are kept and shipped, and a secret must never be in
 * a log line.
 */
final class DemoConsole {

    private DemoConsole() {
    }

    static void print(List<String> lines) {
        PrintStream out = System.out;
        out.println();
        out.println("=".repeat(78));
        lines.forEach(out::println);
        out.println("=".repeat(78));
        out.println();
        out.flush();
    }
}
