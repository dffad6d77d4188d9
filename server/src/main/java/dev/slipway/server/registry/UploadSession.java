package dev.slipway.server.registry;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live state of an upload on this node: bytes written and the running SHA-256. The durable state is
 * the upload row plus the upload file, so a restart or another node can rebuild this by re-hashing.
 */
final class UploadSession {
    final String id;
    final String repository;
    final Path file;
    final ReentrantLock lock = new ReentrantLock();
    MessageDigest sha256;
    long offset;

    UploadSession(String id, String repository, Path file, MessageDigest sha256, long offset) {
        this.id = id;
        this.repository = repository;
        this.file = file;
        this.sha256 = sha256;
        this.offset = offset;
    }
}
