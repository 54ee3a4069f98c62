package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.port.in.ChangeList;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.ListChangesQuery;
import org.kbbridge.port.in.ListChangesUseCase;
import org.kbbridge.port.out.IntegratedAccounts;

/**
 * GET /unified/knowledge-base/changes (SPEC 3.5): the change feed. Its next_cursor is never null: an empty result
 * means the consumer is caught up and polls again later with the same cursor.
 */
public final class ChangesApi {

    private static final Set<String> PARAMS = Set.of("integrated_account_id", "next_cursor", "limit");

    private final ListChangesUseCase feed;
    private final IntegratedAccounts accounts;
    private final ObjectMapper mapper;

    public ChangesApi(ListChangesUseCase feed, IntegratedAccounts accounts, ObjectMapper mapper) {
        this.feed = feed;
        this.accounts = accounts;
        this.mapper = mapper;
    }

    public ApiResponse list(ApiRequest request, Principal principal) {
        for (String name : request.query().keySet()) {
            if (!PARAMS.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; allowed here: "
                        + String.join(", ", new TreeSet<>(PARAMS)));
            }
        }
        String raw = request.param("integrated_account_id").orElseThrow(() -> ApiException.badRequest(
                "integrated_account_id is required: the id of the integrated account whose changes to read"));
        long accountId = Accounts.parseId(raw, "integrated_account_id");
        if (!principal.canSee(accountId) || accounts.find(accountId).isEmpty()) {
            throw ApiException.notFound("integrated account " + accountId + " does not exist");
        }
        int limit = request.param("limit").map(v -> UnifiedApi.integer("limit", v)).orElse(100);
        ChangeList changes;
        try {
            changes = feed.changes(new ListChangesQuery(accountId, request.param("next_cursor").orElse(null), limit));
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (ChangeEvent event : changes.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", event.seq());
            m.put("resource", event.resource().path());
            m.put("id", event.id());
            m.put("op", event.op().wire());
            m.put("at", event.at().toString());
            result.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", result);
        body.put("next_cursor", changes.nextCursor());
        body.put("result_count", result.size());
        return Json.ok(mapper, body);
    }
}
