package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.account.TokenAccess;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.port.in.AdministerAccountsUseCase;
import org.kbbridge.port.in.CredentialsRefusedException;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.port.in.StartSyncUseCase;
import org.kbbridge.port.in.SyncAlreadyRunningException;
import org.kbbridge.port.in.UpdateAccountCommand;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.SyncRuns;

/** The admin API of SPEC 3.1: integrated accounts, sync runs, tokens. Only the admin token may call it. */
public final class AdminApi {

    private static final Set<String> ACCOUNT_FIELDS = Set.of("name", "base_url", "api_key", "api_username",
            "key_kind", "rate_limit_per_minute", "webhook_secret", "sync");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "api_key", "api_username",
            "rate_limit_per_minute", "webhook_secret", "sync");
    private static final Set<String> SYNC_FIELDS = Set.of("schedule", "categories", "tags", "include_private");

    private final AdministerAccountsUseCase accounts;
    private final StartSyncUseCase starter;
    private final SyncRuns runs;
    private final Authenticator auth;
    private final HostPolicy hosts;
    private final Consumer<SyncRun> dispatcher;
    private final ObjectMapper mapper;

    /**
     * @param dispatcher runs a queued sync in the background
     */
    public AdminApi(AdministerAccountsUseCase accounts, StartSyncUseCase starter, SyncRuns runs, Authenticator auth,
            HostPolicy hosts, Consumer<SyncRun> dispatcher, ObjectMapper mapper) {
        this.accounts = accounts;
        this.starter = starter;
        this.runs = runs;
        this.auth = auth;
        this.hosts = hosts;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
    }

    public ApiResponse createAccount(ApiRequest request) {
        Fields f = new Fields(Json.object(mapper, request.body()), "", ACCOUNT_FIELDS);
        boolean validate = !"false".equals(request.param("validate").orElse("true"));
        String kind = f.requiredText("key_kind", "\"global\" (Api-Key + Api-Username) or \"user\" (User-Api-Key)");
        KeyKind keyKind = switch (kind) {
            case "global" -> KeyKind.GLOBAL;
            case "user" -> KeyKind.USER;
            default -> throw ApiException.badRequest("key_kind must be \"global\" or \"user\", not '" + kind + "'");
        };
        RegisterAccountCommand command;
        try {
            command = new RegisterAccountCommand(f.text("name"), f.text("base_url"), f.text("api_key"),
                    f.text("api_username"), keyKind, f.integer("rate_limit_per_minute"), f.text("webhook_secret"),
                    sync(f, null), validate);
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        hosts.check(command.baseUrl());
        try {
            return Json.write(mapper, 201, account(accounts.register(command)));
        } catch (CredentialsRefusedException e) {
            throw ApiException.unprocessable("Discourse refused the credentials: " + e.getMessage());
        } catch (SourceException e) {
            throw ApiException.unprocessable("could not check the credentials with Discourse: " + e.getMessage()
                    + " (add ?validate=false to register without the check)");
        }
    }

    public ApiResponse listAccounts(ApiRequest request) {
        List<Map<String, Object>> all = new ArrayList<>();
        accounts.all().forEach(a -> all.add(account(a)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", all);
        body.put("result_count", all.size());
        return Json.ok(mapper, body);
    }

    public ApiResponse getAccount(ApiRequest request) {
        long id = Accounts.parseId(request.path("id"), "id");
        return Json.ok(mapper, account(accounts.find(id).orElseThrow(() -> missing(id))));
    }

    public ApiResponse patchAccount(ApiRequest request) {
        long id = Accounts.parseId(request.path("id"), "id");
        IntegratedAccount current = accounts.find(id).orElseThrow(() -> missing(id));
        Fields f = new Fields(Json.object(mapper, request.body()), "", PATCH_FIELDS);
        boolean validate = !"false".equals(request.param("validate").orElse("true"));
        UpdateAccountCommand command;
        try {
            command = new UpdateAccountCommand(f.text("name"), f.text("api_key"), f.text("api_username"),
                    f.integer("rate_limit_per_minute"), f.text("webhook_secret"), sync(f, current.sync()), validate);
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            return Json.ok(mapper, account(accounts.update(id, command)));
        } catch (CredentialsRefusedException e) {
            throw ApiException.unprocessable("Discourse refused the credentials: " + e.getMessage());
        }
    }

    public ApiResponse deleteAccount(ApiRequest request) {
        long id = Accounts.parseId(request.path("id"), "id");
        if (!accounts.remove(id)) {
            throw missing(id);
        }
        return ApiResponse.empty(204);
    }

    public ApiResponse startSync(ApiRequest request) {
        long id = Accounts.parseId(request.path("id"), "id");
        accounts.find(id).orElseThrow(() -> missing(id));
        SyncMode mode = SyncMode.INCREMENTAL;
        if (request.body() != null && !request.body().isBlank()) {
            Fields f = new Fields(Json.object(mapper, request.body()), "", Set.of("mode"));
            String m = f.text("mode");
            if (m != null) {
                mode = SyncMode.parse(m).orElseThrow(() -> ApiException.badRequest(
                        "mode must be incremental, full or reconcile, not '" + m + "'"));
            }
        }
        SyncRun run;
        try {
            run = starter.startSync(new StartSyncCommand(id, mode));
        } catch (SyncAlreadyRunningException e) {
            throw ApiException.conflict(e.getMessage());
        }
        dispatcher.accept(run);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sync_run_id", run.id());
        return Json.write(mapper, 202, body);
    }

    public ApiResponse listRuns(ApiRequest request) {
        Long accountId = request.param("integrated_account_id").map(v -> Accounts.parseId(v, "integrated_account_id"))
                .orElse(null);
        int limit = request.param("limit").map(v -> UnifiedApi.integer("limit", v)).orElse(50);
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("limit must be between 1 and 100");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        runs.list(accountId, limit).forEach(r -> all.add(run(r)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", all);
        body.put("result_count", all.size());
        return Json.ok(mapper, body);
    }

    public ApiResponse getRun(ApiRequest request) {
        long id = Accounts.parseId(request.path("id"), "id");
        return Json.ok(mapper, run(runs.find(id).orElseThrow(() -> ApiException.notFound("sync run " + id
                + " does not exist"))));
    }

    public ApiResponse createToken(ApiRequest request) {
        JsonNode node = Json.object(mapper, request.body());
        Fields f = new Fields(node, "", Set.of("integrated_account_ids", "access"));
        List<Long> ids = f.ids("integrated_account_ids");
        if (ids == null || ids.isEmpty()) {
            throw ApiException.badRequest("integrated_account_ids is required: the accounts this token may use");
        }
        for (Long id : ids) {
            accounts.find(id).orElseThrow(() -> ApiException.unprocessable("integrated account " + id
                    + " does not exist"));
        }
        String access = f.requiredText("access", "\"read\" or \"read_write\"");
        TokenAccess tokenAccess = switch (access) {
            case "read" -> TokenAccess.READ;
            case "read_write" -> TokenAccess.READ_WRITE;
            default -> throw ApiException.badRequest("access must be \"read\" or \"read_write\", not '" + access + "'");
        };
        String token = auth.issue(new Principal(false, new HashSet<>(ids), tokenAccess));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("integrated_account_ids", ids);
        body.put("access", tokenAccess.wire());
        return Json.write(mapper, 201, body);
    }

    private SyncSettings sync(Fields f, SyncSettings current) {
        Fields s = f.object("sync", SYNC_FIELDS);
        if (s == null) {
            return current;
        }
        SyncSettings base = current != null ? current : SyncSettings.defaults();
        String schedule = s.has("schedule") ? s.text("schedule") : base.schedule();
        if (schedule != null && !Schedules.isValidCron(schedule)) {
            throw ApiException.badRequest("sync.schedule must be a Quartz cron expression such as \"0 0/15 * * * ?\", "
                    + "not '" + schedule + "'");
        }
        return new SyncSettings(schedule,
                s.has("categories") ? s.ids("categories") : base.categories(),
                s.has("tags") ? s.strings("tags") : base.tags(),
                s.has("include_private") ? s.bool("include_private") : base.includePrivate());
    }

    private static ApiException missing(long id) {
        return ApiException.notFound("integrated account " + id + " does not exist");
    }

    static Map<String, Object> account(IntegratedAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("base_url", a.baseUrl());
        m.put("api_username", a.apiUsername());
        m.put("key_kind", a.keyKind().wire());
        m.put("rate_limit_per_minute", a.rateLimitPerMinute());
        m.put("has_webhook_secret", a.hasWebhookSecret());
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("schedule", a.sync().schedule());
        sync.put("categories", a.sync().categories());
        sync.put("tags", a.sync().tags());
        sync.put("include_private", a.sync().includePrivate());
        m.put("sync", sync);
        m.put("status", a.status().wire());
        m.put("created_at", time(a.createdAt()));
        m.put("updated_at", time(a.updatedAt()));
        return m;
    }

    static Map<String, Object> run(SyncRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("integrated_account_id", r.accountId());
        m.put("mode", r.mode().wire());
        m.put("status", r.status().wire());
        m.put("started_at", time(r.startedAt()));
        m.put("finished_at", time(r.finishedAt()));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", r.progress().done());
        progress.put("total", r.progress().total());
        progress.put("unit", r.progress().unit());
        m.put("progress", progress);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("requests", r.counters().requests());
        c.put("rate_limited", r.counters().rateLimited());
        c.put("retried", r.counters().retried());
        c.put("created", r.counters().created());
        c.put("updated", r.counters().updated());
        c.put("deleted", r.counters().deleted());
        c.put("unchanged", r.counters().unchanged());
        m.put("counters", c);
        m.put("error", r.error());
        return m;
    }

    private static String time(Instant i) {
        return i == null ? null : i.toString();
    }
}
