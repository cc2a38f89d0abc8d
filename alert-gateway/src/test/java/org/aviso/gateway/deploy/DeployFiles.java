package org.aviso.gateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's deploy/ folder is, from wherever the tests run. */
final class DeployFiles {

    static final Path REPO_ROOT = findRepoRoot();
    static final Path DEPLOY = REPO_ROOT.resolve("deploy");

    private DeployFiles() {
    }

    private static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No deploy/ folder above " + Path.of("").toAbsolutePath());
    }
}
