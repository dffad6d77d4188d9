package dev.slipway.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Scratch directories for tests, in memory (/dev/shm) when the machine has it: the stores fsync on every
 * commit, which on a busy disk costs more than the tests themselves. Durability is not what these tests check.
 * Use {@code @TempDir(factory = TestDirs.InMemory.class)} or {@link #create(String)}.
 */
public final class TestDirs {
    private static final Path SHM = Path.of("/dev/shm");

    private TestDirs() {
    }

    public static Path create(String prefix) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, prefix);
        }
        return Files.createTempDirectory(prefix);
    }

    public static final class InMemory implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            return create("slipway-test-");
        }
    }
}
