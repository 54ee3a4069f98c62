package org.kbbridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.adapter.discourse.DiscourseCommunitySource;
import org.kbbridge.adapter.discourse.DiscourseCommunityWriter;
import org.kbbridge.adapter.discourse.DiscourseErrorHandling;
import org.kbbridge.adapter.discourse.DiscourseForumProxy;
import org.kbbridge.adapter.discourse.DiscourseReadRoutes;
import org.kbbridge.adapter.discourse.DiscourseRequestRoutes;
import org.kbbridge.adapter.discourse.DiscourseWebhookDecoder;
import org.kbbridge.adapter.discourse.DiscourseWriteRoutes;
import org.kbbridge.adapter.persistence.PostgresStore;
import org.kbbridge.app.http.AdminApi;
import org.kbbridge.app.http.ApiResponse;
import org.kbbridge.app.http.ApiRoutes;
import org.kbbridge.app.http.ApiRoutes.Access;
import org.kbbridge.app.http.Authenticator;
import org.kbbridge.app.http.ChangesApi;
import org.kbbridge.app.http.HostPolicy;
import org.kbbridge.app.http.Json;
import org.kbbridge.app.http.OpenApi;
import org.kbbridge.app.http.ProxyApi;
import org.kbbridge.app.http.SubscriptionsApi;
import org.kbbridge.app.http.UnifiedApi;
import org.kbbridge.app.http.WebhookApi;
import org.kbbridge.app.http.WriteApi;
import org.kbbridge.app.http.WriteJson;
import org.kbbridge.app.ops.ScheduledAccounts;
import org.kbbridge.app.ops.ScheduledSyncs;
import org.kbbridge.app.ops.SyncMetrics;
import org.kbbridge.app.ops.SyncSchedules;
import org.kbbridge.app.ops.WebhookDispatcher;
import org.kbbridge.application.AccountAdministration;
import org.kbbridge.application.ChangeFeed;
import org.kbbridge.application.ForumEvents;
import org.kbbridge.application.ForumForwarder;
import org.kbbridge.application.KnowledgeLister;
import org.kbbridge.application.KnowledgeWriting;
import org.kbbridge.application.SyncRunner;
import org.kbbridge.application.TopicLocks;
import org.kbbridge.application.SyncStarter;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.paging.CursorCodec;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.port.in.AdministerAccountsUseCase;
import org.kbbridge.port.out.ForumProxy;

/**
 * The composition root: the database (embedded or KB_DB_URL), the store, Camel (Discourse routes, and the HTTP API
 * when serving), the use cases, and the executor that runs syncs.
 */
public final class KbBridge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KbBridge.class.getName());

    private final Settings settings;
    private final EmbeddedDatabase embedded;
    private final PostgresStore store;
    private final Main camel;
    private final ExecutorService syncs = Executors.newFixedThreadPool(2, runnable -> {
        Thread t = new Thread(runnable, "kb-sync");
        t.setDaemon(true);
        return t;
    });
    /** Targeted re-reads for Discourse webhooks, one at a time and apart from the long sync runs. */
    private final ExecutorService webhookRereads = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "kb-webhook");
        t.setDaemon(true);
        return t;
    });
    /** Discourse as the sync, the writes and the webhook receiver read it; it exists once Camel has started. */
    private final DeferredSource source = new DeferredSource();
    /** One topic's re-read and store write at a time, whether a write, a webhook or a sync asked for it. */
    private final TopicLocks topicLocks = new TopicLocks();
    /** Delivers the change feed to webhook subscriptions; only a serving node has it. */
    private WebhookDispatcher webhookDispatcher;
    private final SyncRunner runner;
    private final SyncStarter starter;
    private final AccountAdministration accounts;
    private final SyncMetrics metrics = new SyncMetrics();
    /** The Quartz schedules; only a serving node has them (a one-shot CLI sync does not). */
    private final SyncSchedules schedules;
    /** Administration that keeps the schedules in step with the accounts. */
    private final AdministerAccountsUseCase administration;
    private final String generatedAdminToken;
    /** The write use cases' way to Discourse, which exists once Camel has started. */
    private final DeferredWriter forumWriter = new DeferredWriter();
    /** The proxy's way to Discourse, which exists once Camel has started. */
    private final AtomicReference<ForumProxy> forumProxy = new AtomicReference<>();

    private KbBridge(Settings settings, boolean http, DiscourseClientSettings discourse) {
        this.settings = settings;
        EmbeddedDatabase db = null;
        PostgresStore opened = null;
        Main main = null;
        ApiRoutes api = null;
        SyncSchedules planned = null;
        try {
            byte[] masterKey = settings.masterKey();
            String url = settings.dbUrl();
            String user = settings.dbUser();
            String password = settings.dbPassword();
            if (settings.embeddedDatabase()) {
                db = EmbeddedDatabase.start(settings.dataDir());
                url = db.jdbcUrl();
                user = db.user();
                password = null;
                if (masterKey == null) {
                    masterKey = MasterKeyFile.loadOrCreate(settings.dataDir());
                }
            }
            try {
                opened = PostgresStore.open(url, user, password, masterKey);
            } catch (RuntimeException e) {
                throw new BadSettingException("KB_DB_URL", "cannot open the database: " + rootMessage(e));
            }
            ObjectMapper mapper = Json.mapper();
            Authenticator auth = new Authenticator(opened.apiTokens());
            main = new Main();
            main.configure().addRoutesBuilder(new DiscourseErrorHandling());
            main.configure().addRoutesBuilder(new DiscourseRequestRoutes(discourse));
            main.configure().addRoutesBuilder(new DiscourseReadRoutes(discourse));
            main.configure().addRoutesBuilder(new DiscourseWriteRoutes());
            this.runner = new SyncRunner(opened.integratedAccounts(), opened.syncRuns(), opened.syncCheckpoints(),
                    opened.knowledgeReader(), opened.knowledgeWriter(), source, metrics, metrics, topicLocks);
            this.starter = new SyncStarter(opened.integratedAccounts(), opened.syncRuns());
            this.accounts = new AccountAdministration(opened.integratedAccounts(), source);
            planned = http ? SyncSchedules.create(settings.clustered(), opened.dataSource(),
                    new ScheduledSyncs(starter, opened.syncRuns(), this::dispatch)) : null;
            this.schedules = planned;
            this.administration = schedules == null ? accounts : new ScheduledAccounts(accounts, schedules, metrics);
            if (http) {
                main.addInitialProperty("camel.server.enabled", "true");
                main.addInitialProperty("camel.server.port", Integer.toString(settings.httpPort()));
                main.addInitialProperty("camel.server.maxBodySize", Integer.toString(ApiRoutes.MAX_BODY_BYTES + 1));
                api = apiRoutes(opened, auth, mapper, masterKey);
                main.configure().addRoutesBuilder(api);
            }
            main.start();
            source.bind(new DiscourseCommunitySource(main.getCamelContext()));
            forumWriter.bind(new DiscourseCommunityWriter(main.getCamelContext()));
            if (schedules != null) {
                schedules.start(accounts.all());
            }
            forumProxy.set(new DiscourseForumProxy(main.getCamelContext()));
            if (api != null) {
                api.installErrorAnswers(main.getCamelContext(), settings.httpPort());
                webhookDispatcher = new WebhookDispatcher(opened.webhookSubscriptions(), opened.changeLog(), mapper);
                webhookDispatcher.start();
            }
            this.generatedAdminToken = bootstrapAdmin(auth, settings);
        } catch (RuntimeException e) {
            if (planned != null) {
                planned.close();
            }
            closeQuietly(main, opened, db);
            throw e;
        }
        this.embedded = db;
        this.store = opened;
        this.camel = main;
    }

    public static KbBridge start(Settings settings, boolean http) {
        return start(settings, http, DiscourseClientSettings.defaults());
    }

    public static KbBridge start(Settings settings, boolean http, DiscourseClientSettings discourse) {
        return new KbBridge(settings, http, discourse);
    }

    private ApiRoutes apiRoutes(PostgresStore store, Authenticator auth, ObjectMapper mapper, byte[] masterKey) {
        CursorCodec cursors = new CursorCodec(derive(masterKey, "kb-bridge list cursors"));
        UnifiedApi unified = new UnifiedApi(new KnowledgeLister(store.knowledgeReader(), cursors),
                store.knowledgeReader(), store.integratedAccounts(), mapper);
        ChangesApi changes = new ChangesApi(new ChangeFeed(store.changeLog(), cursors), store.integratedAccounts(),
                mapper);
        ProxyApi proxy = new ProxyApi(new ForumForwarder(store.integratedAccounts(),
                (account, request) -> forumProxy.get().forward(account, request), metrics), store.integratedAccounts());
        OpenApi openApi = new OpenApi();
        KnowledgeWriting writing = new KnowledgeWriting(store.integratedAccounts(), store.knowledgeReader(),
                store.knowledgeWriter(), source, forumWriter, store.idempotencyRecords(), new WriteJson(mapper),
                topicLocks, metrics, Duration.ofSeconds(10), Duration.ofMinutes(5));
        WriteApi writes = new WriteApi(writing, writing, writing, writing, writing, store.integratedAccounts(), mapper);
        WebhookApi webhooks = new WebhookApi(new ForumEvents(store.integratedAccounts(), store.knowledgeReader(),
                store.receivedForumEvents(), source, new DiscourseWebhookDecoder(), webhookRereads, topicLocks,
                metrics));
        SubscriptionsApi subscriptions = new SubscriptionsApi(store.webhookSubscriptions(),
                store.integratedAccounts(), new HostPolicy(settings.allowPrivateHosts()), mapper);
        AdminApi admin = new AdminApi(administration, starter, store.syncRuns(), auth,
                new HostPolicy(settings.allowPrivateHosts()), this::dispatch, mapper);
        return new ApiRoutes(auth, mapper)
                .endpoint("health", "GET", "/health", Access.PUBLIC, (r, p) -> store.isHealthy()
                        ? ApiResponse.json(200, "{\"status\":\"ok\"}")
                        : ApiResponse.json(503, "{\"status_code\":503,\"error\":\"unavailable\","
                                + "\"message\":\"the database does not answer\"}"))
                .endpoint("openapi", "GET", OpenApi.RESOURCE, Access.PUBLIC, openApi::document)
                .endpoint("metrics", "GET", "/metrics", Access.ADMIN,
                        (r, p) -> new ApiResponse(200, SyncMetrics.CONTENT_TYPE, metrics.scrape(), Map.of()))
                .endpoint("accounts-create", "POST", "/admin/integrated-accounts", Access.ADMIN,
                        (r, p) -> admin.createAccount(r))
                .endpoint("accounts-list", "GET", "/admin/integrated-accounts", Access.ADMIN,
                        (r, p) -> admin.listAccounts(r))
                .endpoint("accounts-get", "GET", "/admin/integrated-accounts/{id}", Access.ADMIN,
                        (r, p) -> admin.getAccount(r))
                .endpoint("accounts-patch", "PATCH", "/admin/integrated-accounts/{id}", Access.ADMIN,
                        (r, p) -> admin.patchAccount(r))
                .endpoint("accounts-delete", "DELETE", "/admin/integrated-accounts/{id}", Access.ADMIN,
                        (r, p) -> admin.deleteAccount(r))
                .endpoint("accounts-sync", "POST", "/admin/integrated-accounts/{id}/sync", Access.ADMIN,
                        (r, p) -> admin.startSync(r))
                .endpoint("sync-runs-list", "GET", "/admin/sync-runs", Access.ADMIN, (r, p) -> admin.listRuns(r))
                .endpoint("sync-runs-get", "GET", "/admin/sync-runs/{id}", Access.ADMIN, (r, p) -> admin.getRun(r))
                .endpoint("tokens-create", "POST", "/admin/tokens", Access.ADMIN, (r, p) -> admin.createToken(r))
                .endpoint("webhook-subscriptions-create", "POST", "/admin/webhook-subscriptions", Access.ADMIN,
                        (r, p) -> subscriptions.create(r))
                .endpoint("webhook-subscriptions-list", "GET", "/admin/webhook-subscriptions", Access.ADMIN,
                        (r, p) -> subscriptions.list(r))
                .endpoint("webhook-subscriptions-delete", "DELETE", "/admin/webhook-subscriptions/{id}", Access.ADMIN,
                        (r, p) -> subscriptions.delete(r))
                .endpoint("webhooks-discourse", "POST", "/webhooks/discourse/{integrated_account_id}", Access.PUBLIC,
                        webhooks::receive)
                .endpoint("pages-create", "POST", "/unified/knowledge-base/pages", Access.WRITE, writes::createPage)
                .endpoint("pages-update", "PATCH", "/unified/knowledge-base/pages/{id}", Access.WRITE,
                        writes::updatePage)
                .endpoint("comments-create", "POST", "/unified/knowledge-base/comments", Access.WRITE,
                        writes::createComment)
                .endpoint("comments-update", "PATCH", "/unified/knowledge-base/comments/{id}", Access.WRITE,
                        writes::updateComment)
                .endpoint("comments-delete", "DELETE", "/unified/knowledge-base/comments/{id}", Access.WRITE,
                        writes::deleteComment)
                // before {resource}: the router tries paths in the order they were added
                .endpoint("unified-changes", "GET", "/unified/knowledge-base/changes", Access.READ, changes::list)
                .endpoint("unified-list", "GET", "/unified/knowledge-base/{resource}", Access.READ, unified::list)
                .endpoint("unified-get", "GET", "/unified/knowledge-base/{resource}/{id}", Access.READ,
                        unified::get)
                .prefixEndpoint("proxy", ProxyApi.PREFIX, Access.READ, proxy::forward);
    }

    /** KB_ADMIN_TOKEN is registered as given; without it one is generated once, on the first start. */
    private static String bootstrapAdmin(Authenticator auth, Settings settings) {
        if (settings.adminToken() != null) {
            auth.makeSoleAdmin(settings.adminToken());
            return null;
        }
        return auth.hasAdmin() ? null : auth.issue(Principal.ADMIN);
    }

    /** The admin token generated on this start, if one was (it is shown once and stored only as a hash). */
    public String generatedAdminToken() {
        return generatedAdminToken;
    }

    public Future<?> dispatch(SyncRun run) {
        return syncs.submit(() -> {
            try {
                runner.runSync(run.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sync run " + run.id() + " could not run", e);
            }
        });
    }

    /** Resumes the runs a previous process left queued or running. */
    public void resumeUnfinishedRuns() {
        for (IntegratedAccount account : store.integratedAccounts().all()) {
            store.syncRuns().unfinished(account.id()).ifPresent(this::dispatch);
        }
    }

    public PostgresStore store() {
        return store;
    }

    public SyncRunner runner() {
        return runner;
    }

    public SyncStarter starter() {
        return starter;
    }

    /** Account administration; on a serving node it also keeps the account's schedules. */
    public AdministerAccountsUseCase accounts() {
        return administration;
    }

    /** The Quartz schedules, or null when this instance does not serve (a one-shot sync). */
    public SyncSchedules schedules() {
        return schedules;
    }

    public SyncMetrics metrics() {
        return metrics;
    }

    public CamelContext camelContext() {
        return camel.getCamelContext();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (schedules != null) {
            schedules.close();
        }
        syncs.shutdownNow();
        webhookRereads.shutdownNow();
        if (webhookDispatcher != null) {
            webhookDispatcher.close();
        }
        try {
            syncs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(camel, store, embedded);
    }

    private static void closeQuietly(Main main, PostgresStore store, EmbeddedDatabase db) {
        if (main != null) {
            try {
                main.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "stopping Camel", e);
            }
        }
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
