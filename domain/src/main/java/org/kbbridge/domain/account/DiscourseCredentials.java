package org.kbbridge.domain.account;

/** The secrets for one account, unsealed. Never logged: {@link #toString()} hides them. */
public record DiscourseCredentials(KeyKind keyKind, String apiKey, String apiUsername, String webhookSecret) {

    @Override
    public String toString() {
        return "DiscourseCredentials[keyKind=" + keyKind + ", apiUsername=" + apiUsername + ", apiKey=***, webhookSecret="
                + (webhookSecret == null ? "none" : "***") + "]";
    }
}
