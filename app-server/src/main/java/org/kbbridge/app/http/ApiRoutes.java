package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.model.rest.RestBindingMode;
import org.kbbridge.domain.account.Principal;

/**
 * The HTTP API on platform-http (REST DSL). Routes only dispatch: parsing, auth and answers are plain Java in the
 * handlers. Every answer is built from scratch, so no request header (Authorization!) is echoed back.
 */
public final class ApiRoutes extends RouteBuilder {

    public static final int MAX_BODY_BYTES = 1_000_000;
    private static final Logger LOG = Logger.getLogger(ApiRoutes.class.getName());

    /** Who may call an endpoint. */
    public enum Access { PUBLIC, READ, WRITE, ADMIN }

    private final Authenticator auth;
    private final ObjectMapper mapper;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Endpoint> prefixEndpoints = new LinkedHashMap<>();

    private record Endpoint(String method, String path, Access access, ApiHandler handler) {
    }

    public ApiRoutes(Authenticator auth, ObjectMapper mapper) {
        this.auth = auth;
        this.mapper = mapper;
    }

    /** Registers an endpoint; {@code id} becomes the route id ({@code api-<id>}). */
    public ApiRoutes endpoint(String id, String method, String path, Access access, ApiHandler handler) {
        endpoints.put(id, new Endpoint(method, path, access, handler));
        return this;
    }

    /**
     * Registers a handler for every path under {@code prefix} (GET, POST, PUT, PATCH, DELETE); the handler finds
     * what follows the prefix, as sent (still percent-encoded), in the path parameter {@code rest}.
     */
    public ApiRoutes prefixEndpoint(String id, String prefix, Access access, ApiHandler handler) {
        prefixEndpoints.put(id, new Endpoint("*", prefix, access, handler));
        return this;
    }

    /**
     * Answers what no endpoint handles (unknown path 404, wrong method 405, body too large 413, a request Vert.x
     * cannot parse 400, a failure outside our handlers 500) in the error model of SPEC 3, not in Vert.x's HTML or
     * plain text. Call once the HTTP server runs.
     */
    public void installErrorAnswers(CamelContext camelContext, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the HTTP server on port " + port + " has not started");
        }
        List<Pattern> paths = new ArrayList<>();
        endpoints.values().forEach(e -> paths.add(Pattern.compile(e.path().replaceAll("\\{[^}]+}", "[^/]+"))));
        prefixEndpoints.values().forEach(e -> paths.add(Pattern.compile(Pattern.quote(e.path()) + "(/.*)?")));
        // Camel mounts our routes on a sub-router whose misses Vert.x answers itself: a last route catches them
        router.route().last().handler(ctx -> {
            String path = ctx.normalizedPath();
            if (paths.stream().anyMatch(p -> p.matcher(path).matches())) {
                answer(ctx, mapper, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + path
                        + "; GET /openapi.json lists the methods of each path");
            } else {
                answer(ctx, mapper, 404, "not_found", "no endpoint at " + path + "; GET /openapi.json lists them");
            }
        });
        // failures inside Camel's routes (the body limit among them) stay in the sub-router too
        router.route().failureHandler(ctx -> {
            switch (ctx.statusCode()) {
                case 413 -> answer(ctx, mapper, 413, "payload_too_large", "the request body is larger than "
                        + MAX_BODY_BYTES + " bytes");
                case 400 -> answer(ctx, mapper, 400, "bad_request", "the request could not be parsed as HTTP; "
                        + "check the URL encoding and the headers");
                default -> {
                    LOG.log(Level.WARNING, "unexpected failure answering " + ctx.request().method() + " "
                            + ctx.normalizedPath(), ctx.failure());
                    answer(ctx, mapper, 500, "internal_error",
                            "the server failed to answer this request; it has been logged");
                }
            }
        });
        router.errorHandler(404, ctx -> answer(ctx, mapper, 404, "not_found", "no endpoint at "
                + ctx.request().path() + "; GET /openapi.json lists them"));
        router.errorHandler(405, ctx -> answer(ctx, mapper, 405, "method_not_allowed", ctx.request().method()
                + " is not allowed on " + ctx.request().path() + "; GET /openapi.json lists the methods of each path"));
        router.errorHandler(413, ctx -> answer(ctx, mapper, 413, "payload_too_large", "the request body is larger than "
                + MAX_BODY_BYTES + " bytes"));
        router.errorHandler(400, ctx -> answer(ctx, mapper, 400, "bad_request", "the request could not be parsed "
                + "as HTTP; check the URL encoding and the headers"));
        router.errorHandler(500, ctx -> {
            LOG.log(Level.WARNING, "unexpected failure answering " + ctx.request().method() + " "
                    + ctx.request().path(), ctx.failure());
            answer(ctx, mapper, 500, "internal_error", "the server failed to answer this request; it has been logged");
        });
    }

    private static void answer(RoutingContext ctx, ObjectMapper mapper, int status, String error, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        ApiResponse body = Json.error(mapper, status, error, message);
        response.headers().clear();
        response.setStatusCode(status).putHeader("Content-Type", ApiResponse.JSON).end(body.body());
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);
        for (Map.Entry<String, Endpoint> e : endpoints.entrySet()) {
            String routeId = "api-" + e.getKey();
            Endpoint endpoint = e.getValue();
            String uri = "direct:" + routeId;
            switch (endpoint.method()) {
                case "GET" -> rest().get(endpoint.path()).to(uri);
                case "POST" -> rest().post(endpoint.path()).to(uri);
                case "PUT" -> rest().put(endpoint.path()).to(uri);
                case "PATCH" -> rest().patch(endpoint.path()).to(uri);
                case "DELETE" -> rest().delete(endpoint.path()).to(uri);
                default -> throw new IllegalArgumentException("method " + endpoint.method());
            }
            from(uri).routeId(routeId).process(processor(endpoint));
        }
        for (Map.Entry<String, Endpoint> e : prefixEndpoints.entrySet()) {
            from("platform-http:" + e.getValue().path()
                    + "?matchOnUriPrefix=true&httpMethodRestrict=GET,POST,PUT,PATCH,DELETE")
                    .routeId("api-" + e.getKey()).process(processor(e.getValue()));
        }
    }

    private Processor processor(Endpoint endpoint) {
        return exchange -> {
            ApiResponse response;
            try {
                ApiRequest request = request(exchange, endpoint);
                Principal principal = authorize(request, endpoint.access());
                response = endpoint.handler().handle(request, principal);
            } catch (ApiException e) {
                response = Json.error(mapper, e.status(), e.error(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure answering " + endpoint.method() + " " + endpoint.path(), e);
                response = Json.error(mapper, 500, "internal_error",
                        "the server failed to answer this request; it has been logged");
            }
            write(exchange, response);
        };
    }

    private Principal authorize(ApiRequest request, Access access) {
        if (access == Access.PUBLIC) {
            return null;
        }
        Principal principal = auth.authenticate(request);
        if (access == Access.ADMIN && !principal.admin()) {
            throw ApiException.forbidden("this endpoint needs the admin token");
        }
        if (access == Access.WRITE && !principal.canWrite()) {
            throw ApiException.forbidden("this token is read-only; writes need a read_write token");
        }
        return principal;
    }

    private ApiRequest request(Exchange exchange, Endpoint endpoint) {
        String template = endpoint.path();
        Message in = exchange.getMessage();
        Map<String, String> headers = new HashMap<>();
        for (String name : new String[] {"Authorization", "Idempotency-Key", "Content-Type",
            "X-Discourse-Event-Signature", "X-Discourse-Event-Id", "X-Discourse-Event", "X-Discourse-Event-Type"}) {
            String value = in.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        Map<String, String> path = new HashMap<>();
        if (endpoint.method().equals("*")) {
            String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
            int question = uri.indexOf('?');
            String requestPath = question < 0 ? uri : uri.substring(0, question);
            path.put("rest", requestPath.startsWith(template) ? requestPath.substring(template.length()) : "");
        }
        for (String segment : template.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                path.put(name, in.getHeader(name, String.class));
            }
        }
        // our GET endpoints take no body; converting the empty one cost a fifth of a list request's handling
        byte[] bytes = "GET".equals(endpoint.method()) ? null : in.getBody(byte[].class);
        if (bytes != null && bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "the request body is larger than " + MAX_BODY_BYTES
                    + " bytes");
        }
        String body = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        String rawQuery = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        return new ApiRequest(in.getHeader(Exchange.HTTP_METHOD, String.class), path, parseQuery(rawQuery), headers,
                body, rawQuery, bytes);
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not correctly URL-encoded near '" + s + "'");
        }
    }

    private static void write(Exchange exchange, ApiResponse response) {
        Message out = exchange.getMessage();
        out.getHeaders().clear();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        if (response.contentType() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        }
        response.headers().forEach(out::setHeader);
        if (response.bytes() != null) {
            out.setBody(response.bytes());
        } else {
            out.setBody(response.body() == null ? "" : response.body());
        }
    }
}
