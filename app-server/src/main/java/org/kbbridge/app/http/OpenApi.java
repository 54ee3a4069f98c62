package org.kbbridge.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.kbbridge.domain.account.Principal;

/** GET /openapi.json: the OpenAPI 3 document of this API, kept in the repo as {@code openapi.json}. */
public final class OpenApi {

    public static final String RESOURCE = "/openapi.json";

    private final String document;

    public OpenApi() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiResponse document(ApiRequest request, Principal principal) {
        return ApiResponse.json(200, document);
    }
}
