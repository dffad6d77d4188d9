package dev.slipway.server.tasks.context;

import dev.slipway.oci.Descriptor;
import dev.slipway.oci.client.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * An {@code oci://} context as {@code oras pull} writes it: layers titled {@code org.opencontainers.image.title}
 * are files (or, with {@code io.deis.oras.content.unpack}, directories packed as tar.gz); untitled tar layers are
 * extracted into the workspace root.
 */
final class OciContext {
    static final String TITLE = "org.opencontainers.image.title";
    static final String UNPACK = "io.deis.oras.content.unpack";

    private OciContext() {
    }

    static void fetch(ContextSource.Oci source, Path workspace, RegistryClient.Credentials credentials,
                      Consumer<String> log) throws IOException {
        log.accept("Pulling the OCI artifact " + source.display());
        var client = new RegistryClient(source.registry(), source.repository(), credentials);
        var pulled = client.manifest(source.reference());
        if (pulled.manifest().isIndex()) {
            throw new IOException(source.display() + " is an index; give the artifact's own tag or digest");
        }
        Files.createDirectories(workspace);
        Path root = workspace.toRealPath();
        int files = 0;
        for (Descriptor layer : pulled.manifest().layers()) {
            String title = layer.annotations().get(TITLE);
            String type = layer.mediaType() == null ? "" : layer.mediaType();
            try (InputStream in = new java.io.FilterInputStream(client.blob(layer.digest())) {
                @Override
                public void close() {
                    // the tar reader closes its input; the digest check needs the rest read first
                }
            }) {
                if (title != null && !"true".equals(layer.annotations().get(UNPACK))) {
                    Path target = SafeTar.inside(root, title);
                    if (target == null) {
                        throw new IOException("the artifact's file title '" + title + "' is not a file name");
                    }
                    SafeTar.parent(root, target);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } else if (title != null || type.contains("tar")) {
                    Path dir = title == null ? root : SafeTar.inside(root, title);
                    if (dir == null) {
                        dir = root;
                    }
                    SafeTar.parent(root, dir.resolve("x"));
                    Path base = title == null ? root : dir.getParent();
                    SafeTar.extract(in, base); // oras packs a directory with its name as the top entry
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } else {
                    continue;
                }
                files++;
            }
        }
        log.accept("Pulled " + files + " layer(s) of " + source.display() + " (" + pulled.manifest().mediaType() + ")");
    }
}
