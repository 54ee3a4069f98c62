package org.kbbridge.adapter.discourse;

import org.apache.camel.Exchange;
import org.kbbridge.port.out.SourceAccount;

/** Names of the exchange properties and headers the Discourse routes share. */
final class DiscourseExchange {

    /** The {@link SourceAccount} the call is made for. */
    static final String ACCOUNT = "kbDiscourseAccount";
    /** Path and query of the Discourse request, e.g. {@code /posts.json?before=14}. */
    static final String PATH = "kbDiscoursePath";
    /** HTTP method of the request; GET when absent. */
    static final String METHOD = "kbDiscourseMethod";
    /** Body and content type of a write (kept in properties: every try starts from a clean message). */
    static final String REQUEST_BODY = "kbDiscourseRequestBody";
    static final String CONTENT_TYPE = "kbDiscourseContentType";
    /** A {@link ResponsePolicy.WriteMode} for writes: how the request may be retried. Absent for reads. */
    static final String WRITE_MODE = "kbDiscourseWriteMode";
    /** True when a 404/410 is an answer (body null) rather than a failure. */
    static final String NOT_FOUND_OK = "kbDiscourseNotFoundOk";
    /** True for a proxy call: the answer passes through unjudged (body as bytes, {@code RESPONSE_CONTENT_TYPE}). */
    static final String RAW = "kbDiscourseRaw";
    static final String RESPONSE_CONTENT_TYPE = "kbDiscourseResponseContentType";
    /** The HTTP status of the last answer. */
    static final String STATUS = "kbDiscourseStatus";
    static final String ATTEMPTS = "kbDiscourseAttempts";
    static final String IO_FAILURE = "kbDiscourseIoFailure";
    static final String TOPIC_ID = "kbDiscourseTopicId";
    static final String BEFORE = "kbDiscourseBefore";
    static final String TOPIC_QUERY = "kbDiscourseTopicQuery";
    static final String ASSEMBLER = "kbDiscourseTopicAssembler";

    /** Throttle keys: set just before the throttle, removed before the HTTP call. */
    static final String ACCOUNT_ID_HEADER = "KbAccountId";
    static final String RATE_LIMIT_HEADER = "KbRateLimitPerMinute";

    private DiscourseExchange() {
    }

    static SourceAccount account(Exchange exchange) {
        return exchange.getProperty(ACCOUNT, SourceAccount.class);
    }
}
