package org.kbbridge.app.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses Discourse base URLs that resolve to loopback, private, link-local or otherwise internal addresses unless
 * KB_ALLOW_PRIVATE_HOSTS is set: an account's base URL must not turn the server into a door to the internal network.
 */
public final class HostPolicy {

    private final boolean allowPrivate;

    public HostPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public void check(String baseUrl) {
        if (allowPrivate) {
            return;
        }
        String host = URI.create(baseUrl).getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ApiException.unprocessable("base_url host '" + host + "' does not resolve");
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || isUniqueLocalV6(a)) {
                throw ApiException.unprocessable("base_url host '" + host + "' resolves to a private address ("
                        + a.getHostAddress() + "); set KB_ALLOW_PRIVATE_HOSTS=true to allow it");
            }
        }
    }

    private static boolean isUniqueLocalV6(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
