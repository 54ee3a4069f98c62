package org.kbbridge.simulator;

import java.time.Instant;

/** A Discourse user account. */
public final class User {
    public final int id;
    public final String username;
    public String name;
    public boolean admin;
    public boolean moderator;
    public int trustLevel;
    public final Instant createdAt;
    /** The SSO external id (Discourse's SingleSignOnRecord), or null for users who never logged in through SSO. */
    public String externalId;

    User(int id, String username, String name, boolean admin, boolean moderator, int trustLevel, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.name = name;
        this.admin = admin;
        this.moderator = moderator;
        this.trustLevel = trustLevel;
        this.createdAt = createdAt;
    }

    public boolean staff() {
        return admin || moderator;
    }

    String avatarTemplate() {
        return "/letter_avatar_proxy/v4/letter/" + Character.toLowerCase(username.charAt(0)) + "/8e7dd6/{size}.png";
    }
}
