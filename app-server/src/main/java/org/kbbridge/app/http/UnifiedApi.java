package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.model.BodyFormat;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.KnowledgeList;
import org.kbbridge.port.in.ListKnowledgeQuery;
import org.kbbridge.port.in.ListKnowledgeUseCase;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.KnowledgeReader;

/** GET /unified/knowledge-base/{resource} and /{resource}/{id} (SPEC 3.2). */
public final class UnifiedApi {

    private static final Set<String> LIST_PARAMS = Set.of("integrated_account_id", "limit", "next_cursor",
            "updated_after", "collection_id", "page_id", "tag", "q", "include_deleted", "format",
            "include_remote_data");
    private static final Set<String> GET_PARAMS = Set.of("integrated_account_id", "format", "include_remote_data");

    private final ListKnowledgeUseCase lister;
    private final KnowledgeReader reader;
    private final IntegratedAccounts accounts;
    private final KnowledgeJson json;
    private final ObjectMapper mapper;

    public UnifiedApi(ListKnowledgeUseCase lister, KnowledgeReader reader, IntegratedAccounts accounts,
            ObjectMapper mapper) {
        this.lister = lister;
        this.reader = reader;
        this.accounts = accounts;
        this.mapper = mapper;
        this.json = new KnowledgeJson(mapper);
    }

    public ApiResponse list(ApiRequest request, Principal principal) {
        ResourceType resource = resource(request.path("resource"));
        rejectUnknownParams(request, LIST_PARAMS);
        long accountId = account(request, principal);
        BodyFormat format = format(request);
        boolean remote = flag(request, "include_remote_data");
        int limit = request.param("limit").map(v -> integer("limit", v)).orElse(ListKnowledgeQuery.DEFAULT_LIMIT);
        KnowledgeList list;
        try {
            list = lister.list(new ListKnowledgeQuery(accountId, resource,
                    request.param("updated_after").map(UnifiedApi::instant).orElse(null),
                    request.param("collection_id").orElse(null), request.param("page_id").orElse(null),
                    request.param("tag").orElse(null), request.param("q").orElse(null),
                    flag(request, "include_deleted"), request.param("next_cursor").orElse(null), limit, remote));
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<ItemView> items = list.items();
        return Json.ok(mapper, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("result");
            for (ItemView view : items) {
                json.write(g, view, format, remote);
            }
            g.writeEndArray();
            g.writeStringField("next_cursor", list.nextCursor());
            g.writeNumberField("result_count", items.size());
            g.writeEndObject();
        });
    }

    public ApiResponse get(ApiRequest request, Principal principal) {
        ResourceType resource = resource(request.path("resource"));
        rejectUnknownParams(request, GET_PARAMS);
        long accountId = account(request, principal);
        BodyFormat format = format(request);
        boolean remote = flag(request, "include_remote_data");
        String id = request.path("id");
        if (resource.numericIds() && (id == null || !id.matches("[1-9][0-9]{0,17}"))) {
            throw ApiException.notFound("no " + resource.path() + " item with id '" + id + "'");
        }
        ItemView view = reader.find(accountId, resource, id, remote).orElseThrow(
                () -> ApiException.notFound("no " + resource.path() + " item with id '" + id + "' in account "
                        + accountId));
        return Json.ok(mapper, g -> json.write(g, view, format, remote));
    }

    /** The account of the request, checked against the token's scope: outside it, it does not exist. */
    long account(ApiRequest request, Principal principal) {
        String raw = request.param("integrated_account_id").orElseThrow(() -> ApiException.badRequest(
                "integrated_account_id is required: the id of the integrated account to read"));
        long id = Accounts.parseId(raw, "integrated_account_id");
        if (!principal.canSee(id) || accounts.find(id).isEmpty()) {
            throw ApiException.notFound("integrated account " + id + " does not exist");
        }
        return id;
    }

    static ResourceType resource(String path) {
        return ResourceType.fromPath(path).orElseThrow(() -> ApiException.notFound("unknown resource '" + path
                + "'; use collections, pages, page-content, comments or tags"));
    }

    private static void rejectUnknownParams(ApiRequest request, Set<String> allowed) {
        for (String name : request.query().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static BodyFormat format(ApiRequest request) {
        return request.param("format").map(f -> BodyFormat.parse(f).orElseThrow(() -> ApiException.badRequest(
                "format must be markdown, html or plaintext, not '" + f + "'"))).orElse(BodyFormat.MARKDOWN);
    }

    static boolean flag(ApiRequest request, String name) {
        return request.param(name).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, not '" + v + "'");
        }).orElse(false);
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest("updated_after must be an ISO-8601 timestamp such as "
                        + "2024-01-31T12:00:00Z, not '" + value + "'");
            }
        }
    }
}
