package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.WebhookSubscriptions;
import org.kbbridge.port.out.WebhookSubscriptions.Subscription;

/**
 * Outgoing webhook subscriptions (SPEC 3.5): POST/GET /admin/webhook-subscriptions, DELETE …/{id}. The secret is
 * taken once, sealed, and never shown again; the URL passes the same private-host policy as Discourse base URLs.
 */
public final class SubscriptionsApi {

    /** Discourse asks the same of its webhook secrets. */
    static final int MIN_SECRET_LENGTH = 12;

    private final WebhookSubscriptions subscriptions;
    private final IntegratedAccounts accounts;
    private final HostPolicy hosts;
    private final ObjectMapper mapper;

    public SubscriptionsApi(WebhookSubscriptions subscriptions, IntegratedAccounts accounts, HostPolicy hosts,
            ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.hosts = hosts;
        this.mapper = mapper;
    }

    public ApiResponse create(ApiRequest request) {
        Fields body = new Fields(Json.object(mapper, request.body()), "",
                Set.of("url", "secret", "integrated_account_ids"));
        String url = body.requiredText("url", "the http(s) URL that receives the change events");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url is not a valid URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())
                || uri.getHost() == null) {
            throw ApiException.badRequest("url must be an absolute http:// or https:// URL with a host, not '" + url
                    + "'");
        }
        String secret = body.requiredText("secret", "a shared secret of at least " + MIN_SECRET_LENGTH
                + " characters; each delivery carries X-KB-Signature: sha256=<hex HMAC-SHA256(secret, body)>");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw ApiException.badRequest("secret must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        List<Long> ids = body.ids("integrated_account_ids");
        if (ids != null) {
            if (ids.isEmpty()) {
                throw ApiException.badRequest("integrated_account_ids must name at least one account; leave it out "
                        + "to subscribe to every account");
            }
            for (long id : ids) {
                if (accounts.find(id).isEmpty()) {
                    throw ApiException.unprocessable("integrated_account_ids: integrated account " + id
                            + " does not exist");
                }
            }
        }
        try {
            hosts.check(url);
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.error(), e.getMessage().replace("base_url", "url"));
        }
        return Json.write(mapper, 201, json(subscriptions.create(url, secret, ids == null ? null
                : List.copyOf(new java.util.LinkedHashSet<>(ids)))));
    }

    public ApiResponse list(ApiRequest request) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Subscription s : subscriptions.all()) {
            result.add(json(s));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", result);
        answer.put("result_count", result.size());
        return Json.write(mapper, 200, answer);
    }

    public ApiResponse delete(ApiRequest request) {
        String raw = request.path("id");
        if (raw == null || !raw.matches("[1-9][0-9]{0,17}") || !subscriptions.delete(Long.parseLong(raw))) {
            throw ApiException.notFound("no webhook subscription with id '" + raw + "'");
        }
        return ApiResponse.empty(204);
    }

    private static Map<String, Object> json(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("url", s.url());
        m.put("integrated_account_ids", s.accountIds());
        m.put("created_at", s.createdAt().toString());
        return m;
    }
}
