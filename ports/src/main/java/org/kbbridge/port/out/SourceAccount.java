package org.kbbridge.port.out;

import org.kbbridge.domain.account.DiscourseCredentials;

/** Everything a call to a forum needs: where, as whom, how fast, and where to count the requests. */
public record SourceAccount(
        long accountId, String baseUrl, DiscourseCredentials credentials, int rateLimitPerMinute, RequestTally tally) {

    @Override
    public String toString() {
        return "SourceAccount[accountId=" + accountId + ", baseUrl=" + baseUrl + "]";
    }
}
