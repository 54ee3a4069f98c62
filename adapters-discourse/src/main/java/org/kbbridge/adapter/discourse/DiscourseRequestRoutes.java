package org.kbbridge.adapter.discourse;

import static org.kbbridge.adapter.discourse.DiscourseExchange.ACCOUNT_ID_HEADER;
import static org.kbbridge.adapter.discourse.DiscourseExchange.ATTEMPTS;
import static org.kbbridge.adapter.discourse.DiscourseExchange.IO_FAILURE;
import static org.kbbridge.adapter.discourse.DiscourseExchange.METHOD;
import static org.kbbridge.adapter.discourse.DiscourseExchange.NOT_FOUND_OK;
import static org.kbbridge.adapter.discourse.DiscourseExchange.PATH;
import static org.kbbridge.adapter.discourse.DiscourseExchange.RATE_LIMIT_HEADER;
import static org.kbbridge.adapter.discourse.DiscourseExchange.RAW;
import static org.kbbridge.adapter.discourse.DiscourseExchange.RESPONSE_CONTENT_TYPE;
import static org.kbbridge.adapter.discourse.DiscourseExchange.STATUS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one route that talks HTTP to Discourse: the account's throttle, exactly the headers we mean to send, the call,
 * and the {@link ResponsePolicy} loop (429 waits, back-off retries, immediate failures). Read routes (and later
 * write routes) set {@code PATH} (writes also {@code METHOD}, {@code REQUEST_BODY}, {@code CONTENT_TYPE}) and call
 * {@code direct:discourse-request}; the answer body is the parsed JSON, or null for an accepted 404/410. With
 * {@code RAW} (the proxy) the answer is not judged: 429s still wait and retry, a GET still retries 5xx and I/O
 * errors, and then whatever Discourse answered comes back as bytes with its status and content type.
 */
public final class DiscourseRequestRoutes extends RouteBuilder {

    public static final String REQUEST = "discourse-request";
    /** Node ids inside {@link #REQUEST}, for weaving. */
    public static final String HTTP_CALL = "discourse-http-call";
    public static final String THROTTLE = "discourse-throttle";
    public static final String RETRY_WAIT = "discourse-retry-wait";

    /**
     * The most permits one account gets per window; also what a limit of 0 or less ("no limit", benchmarks) means.
     * Camel's total-requests throttler keeps one queued permit per allowed request, so the cap bounds its memory.
     */
    static final long MAX_PER_PERIOD = 100_000L;

    /** A write waits at most this long on 429s in total (a client is waiting for the answer), then fails. */
    static final long MAX_WRITE_RATE_LIMIT_WAIT_MILLIS = 30_000L;

    private static final Logger LOG = LoggerFactory.getLogger(DiscourseRequestRoutes.class);
    private static final String BASE_URL = "kbDiscourseBaseUrl";
    private static final String CLIENT_CONFIGURER = "discourseHttpClientConfigurer";
    private static final String NEXT_WAIT = "kbDiscourseNextWaitMillis";

    private final DiscourseClientSettings settings;
    private final ResponsePolicy policy;

    public DiscourseRequestRoutes(DiscourseClientSettings settings) {
        this.settings = settings;
        this.policy = new ResponsePolicy(settings);
    }

    @Override
    public void configure() {
        // HttpClient's own silent re-sends would bypass the throttle and the request count: the policy retries
        getCamelContext().getRegistry().bind(CLIENT_CONFIGURER,
                (HttpClientConfigurer) HttpClientBuilder::disableAutomaticRetries);
        String httpOptions = "?throwExceptionOnFailure=false&followRedirects=true"
                + "&httpClientConfigurer=#" + CLIENT_CONFIGURER
                + "&connectTimeout=" + settings.connectTimeout().toMillis()
                + "&connectionRequestTimeout=" + settings.connectTimeout().toMillis()
                + "&soTimeout=" + settings.socketTimeout().toMillis()
                + "&responseTimeout=" + settings.socketTimeout().toMillis();

        from("direct:" + REQUEST).routeId(REQUEST).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(this::start)
                .loopDoWhile(exchange -> exchange.getProperty(ATTEMPTS, RequestAttempts.class).pending())
                    .breakOnShutdown()
                    .delay(exchangeProperty(NEXT_WAIT)).syncDelayed().id(RETRY_WAIT)
                    .process(this::throttleKeys)
                    // the limit is per JVM: several nodes each get the account's full limit
                    .throttle(header(RATE_LIMIT_HEADER)).totalRequestsMode()
                        .timePeriodMillis(throttleWindowMillis(settings.throttlePeriod().toMillis()))
                        .correlationExpression(header(ACCOUNT_ID_HEADER)).id(THROTTLE)
                    // every inbound header goes, CamelHttp* included: they would otherwise redirect the call
                    .removeHeaders("*")
                    .process(this::prepare)
                    .doTry()
                        // not optimised: the optimised http toD would replace our CamelHttpPath/Query
                        .toD().uri("${exchangeProperty." + BASE_URL + "}" + httpOptions)
                            .allowOptimisedComponents(false).id(HTTP_CALL)
                        .endDoTry()
                        .convertBodyTo(byte[].class)
                    .doCatch(IOException.class)
                        .process(this::ioFailure)
                    .end()
                    .process(this::judge)
                .end();
    }

    private void start(Exchange exchange) {
        SourceAccount account = DiscourseExchange.account(exchange);
        if (account == null) {
            throw new SourceException("no account on the Discourse request");
        }
        String base = account.baseUrl() == null ? "" : account.baseUrl().strip();
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new SourceException("the Discourse base URL must start with http:// or https://: " + base);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        exchange.setProperty(BASE_URL, base);
        boolean writing = exchange.getProperty(DiscourseExchange.WRITE_MODE) != null;
        exchange.setProperty(ATTEMPTS, new RequestAttempts(settings, writing
                ? Math.min(settings.maxRateLimitWait().toMillis(), MAX_WRITE_RATE_LIMIT_WAIT_MILLIS)
                : settings.maxRateLimitWait().toMillis()));
        exchange.setProperty(NEXT_WAIT, 0L);
    }

    /**
     * The throttle counts a permit from when it is taken, the forum from when the request arrives; a window 5% (at
     * least 1 s) longer than the forum's keeps network and scheduling jitter from tipping a full window over its
     * limit.
     */
    static long throttleWindowMillis(long periodMillis) {
        return periodMillis + Math.max(1_000, periodMillis / 20);
    }

    private void throttleKeys(Exchange exchange) {
        SourceAccount account = DiscourseExchange.account(exchange);
        // Discourse's admin limit is one budget per site, shared by every global key; user keys have their own.
        boolean userKey = account.credentials() != null && account.credentials().keyKind() == KeyKind.USER;
        exchange.getMessage().setHeader(ACCOUNT_ID_HEADER,
                userKey ? exchange.getProperty(BASE_URL) + "#" + account.accountId() : exchange.getProperty(BASE_URL));
        exchange.getMessage().setHeader(RATE_LIMIT_HEADER,
                account.rateLimitPerMinute() > 0 ? Math.min(account.rateLimitPerMinute(), MAX_PER_PERIOD) : MAX_PER_PERIOD);
    }

    private void prepare(Exchange exchange) {
        SourceAccount account = DiscourseExchange.account(exchange);
        String pathAndQuery = exchange.getProperty(PATH, String.class);
        int question = pathAndQuery.indexOf('?');
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, exchange.getProperty(METHOD, "GET", String.class));
        message.setHeader(Exchange.HTTP_PATH, question < 0 ? pathAndQuery : pathAndQuery.substring(0, question));
        if (question >= 0) {
            message.setHeader(Exchange.HTTP_QUERY, pathAndQuery.substring(question + 1));
        }
        if (!exchange.getProperty(RAW, false, Boolean.class)) {
            message.setHeader("Accept", "application/json");
        }
        DiscourseCredentials credentials = account.credentials();
        if (credentials != null && credentials.keyKind() == KeyKind.USER) {
            message.setHeader("User-Api-Key", credentials.apiKey());
        } else if (credentials != null) {
            message.setHeader("Api-Key", credentials.apiKey());
            if (credentials.apiUsername() != null && !credentials.apiUsername().isBlank()) {
                message.setHeader("Api-Username", credentials.apiUsername());
            }
        }
        String contentType = exchange.getProperty(DiscourseExchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        message.setBody(exchange.getProperty(DiscourseExchange.REQUEST_BODY));
        exchange.removeProperty(IO_FAILURE);
        exchange.getProperty(ATTEMPTS, RequestAttempts.class).sent();
        account.tally().request();
    }

    private void ioFailure(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = caught == null ? "unknown" : caught.getClass().getSimpleName() + ": " + caught.getMessage();
        exchange.setProperty(IO_FAILURE, reason);
    }

    private void judge(Exchange exchange) {
        Message message = exchange.getMessage();
        SourceAccount account = DiscourseExchange.account(exchange);
        RequestAttempts attempts = exchange.getProperty(ATTEMPTS, RequestAttempts.class);
        String ioFailure = exchange.getProperty(IO_FAILURE, String.class);
        int status = ioFailure != null ? 0 : message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String retryAfter = ioFailure != null ? null : message.getHeader("Retry-After", String.class);
        String request = exchange.getProperty(METHOD, "GET", String.class) + " "
                + exchange.getProperty(PATH, String.class);
        if (exchange.getProperty(RAW, false, Boolean.class)) {
            passThrough(exchange, status, retryAfter, ioFailure, request);
            return;
        }
        String body = ioFailure != null ? null : message.getBody(String.class);
        // the request's credential headers and the response's headers stop here
        message.removeHeaders("*");
        message.setBody(null);
        ResponsePolicy.Verdict verdict = policy.judge(request, status, retryAfter, body, ioFailure,
                exchange.getProperty(NOT_FOUND_OK, false, Boolean.class),
                exchange.getProperty(DiscourseExchange.WRITE_MODE, ResponsePolicy.WriteMode.class), attempts,
                account.tally());
        exchange.setProperty(STATUS, status);
        if (verdict.retry()) {
            exchange.setProperty(NEXT_WAIT, attempts.nextWaitMillis());
            LOG.warn("Discourse account {}: {} failed with {}; try {} in {} ms", account.accountId(), request,
                    verdict.reason(), attempts.sends() + 1, attempts.nextWaitMillis());
        } else {
            message.setBody(verdict.json());
        }
    }

    private void passThrough(Exchange exchange, int status, String retryAfter, String ioFailure, String request) {
        Message message = exchange.getMessage();
        SourceAccount account = DiscourseExchange.account(exchange);
        RequestAttempts attempts = exchange.getProperty(ATTEMPTS, RequestAttempts.class);
        byte[] body = ioFailure != null ? null : message.getBody(byte[].class);
        String contentType = ioFailure != null ? null : message.getHeader(Exchange.CONTENT_TYPE, String.class);
        account.tally().answered(status);
        message.removeHeaders("*");
        message.setBody(null);
        // only a GET is safe to send twice; a 429 was not processed, so any method may wait and retry
        boolean idempotent = "GET".equals(exchange.getProperty(METHOD, "GET", String.class));
        String retry = null;
        if (ioFailure != null) {
            if (!idempotent || !attempts.transientFailure()) {
                throw new SourceException(request + ": Discourse could not be reached: " + ioFailure);
            }
            account.tally().retried();
            retry = "I/O error: " + ioFailure;
        } else if (status == 429) {
            account.tally().rateLimited();
            String text = body == null ? null : new String(body, StandardCharsets.UTF_8);
            if (attempts.rateLimited(policy.rateLimitWaitMillis(retryAfter, text))) {
                retry = "HTTP 429 (rate limited)";
            }
        } else if (status >= 500 && idempotent && attempts.transientFailure()) {
            account.tally().retried();
            retry = "HTTP " + status;
        }
        exchange.setProperty(STATUS, status);
        if (retry != null) {
            exchange.setProperty(NEXT_WAIT, attempts.nextWaitMillis());
            // the query string is the caller's and may carry anything: it stays out of the log
            LOG.warn("Discourse account {}: proxied {} failed with {}; try {} in {} ms", account.accountId(),
                    request.contains("?") ? request.substring(0, request.indexOf('?')) : request,
                    retry, attempts.sends() + 1, attempts.nextWaitMillis());
            return;
        }
        attempts.finished();
        exchange.setProperty(RESPONSE_CONTENT_TYPE, contentType);
        message.setBody(body == null ? new byte[0] : body);
    }
}
