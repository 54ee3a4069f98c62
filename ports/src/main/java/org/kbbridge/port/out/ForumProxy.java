package org.kbbridge.port.out;

/**
 * Sends a request to the account's forum as it is, through the account's throttle and retry policy, and hands back
 * the forum's answer unjudged (status, content type and body as they came). Only a forum that could not be reached
 * after the retries surfaces, as a {@link SourceException}.
 */
public interface ForumProxy {

    ForwardedResponse forward(SourceAccount account, ForwardedRequest request);
}
