package dev.slipway.server.registry.http;

import dev.slipway.oci.Digest;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.registry.Body;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request/response pair with the helpers every endpoint needs. */
record Exchange(Request request, Response response, Callback callback, Fields query) {

    static Exchange of(Request request, Response response, Callback callback) {
        String q = request.getHttpURI().getQuery();
        return new Exchange(request, response, callback, q == null ? Fields.EMPTY : Request.extractQueryParameters(request));
    }

    String method() {
        return request.getMethod();
    }

    boolean isHead() {
        return HttpMethodNames.isHead(request);
    }

    String param(String name) {
        Fields.Field f = query.get(name);
        return f == null ? null : f.getValue();
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** By Jetty's header enum: a reference comparison per field instead of a case-insensitive name match. */
    String header(HttpHeader header) {
        return request.getHeaders().get(header);
    }

    Digest digestParam(String name) {
        String v = param(name);
        return v == null ? null : Digest.parse(v);
    }

    void header(String name, Object value) {
        response.getHeaders().put(name, String.valueOf(value));
    }

    /** Ends the exchange with a status and no body. */
    void empty(int status) {
        response.setStatus(status);
        response.getHeaders().put("Content-Length", "0");
        response.write(true, null, callback);
    }

    void bytes(int status, String contentType, byte[] body) {
        Json.write(request, response, callback, status, contentType, body);
    }

    void json(int status, Object value) {
        Json.write(request, response, callback, status, value);
    }

    /** The request body as it arrives, buffer by buffer. */
    Body body() {
        return sink -> {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    try (Blocker.Runnable blocker = Blocker.runnable()) {
                        request.demand(blocker);
                        blocker.block();
                    }
                    continue;
                }
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        // Keep an EofException as it is: a client that went away is not a server failure.
                        throw chunk.getFailure() instanceof IOException io ? io : new IOException("request body failed", chunk.getFailure());
                    }
                    ByteBuffer buf = chunk.getByteBuffer();
                    if (buf.hasRemaining()) {
                        sink.accept(buf);
                    }
                    if (chunk.isLast()) {
                        return;
                    }
                } finally {
                    chunk.release();
                }
            }
        };
    }

    /** Reads the whole body, refusing more than {@code limit} bytes with 413. */
    byte[] bodyBytes(int limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        var out = new java.io.ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        body().feed(buf -> {
            if (out.size() + buf.remaining() > limit) {
                throw tooLarge(limit);
            }
            byte[] tmp = new byte[buf.remaining()];
            buf.get(tmp);
            out.write(tmp, 0, tmp.length);
        });
        return out.toByteArray();
    }

    static RegistryException unsupported(String method, String allow) {
        return new RegistryException(OciError.UNSUPPORTED, method + " is not supported here", Map.of("allow", allow));
    }

    private static RegistryException tooLarge(int limit) {
        return new RegistryException(OciError.TOO_LARGE, "body exceeds the limit of " + limit + " bytes");
    }
}
