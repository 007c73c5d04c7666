package dev.gembatch.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one loopback rule, for the config's check of {@code gemini.base-url} and the transport's
 * refusal of clear-text http alike: a host is loopback when it is {@code localhost}, an IPv4
 * literal in 127.0.0.0/8, or the IPv6 loopback {@code ::1} (bracketed or not). A name that merely
 * starts with {@code 127.} ({@code 127.example.com}) is not: it resolves wherever DNS says.
 */
public final class Loopback {
    private static final Pattern IPV4 =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Loopback() {
    }

    /** Whether {@code host} (as {@link java.net.URI#getHost()} gives it) is loopback. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(h);
        if (ipv4.matches()) {
            return octets(ipv4) && ipv4.group(1).equals("127");
        }
        return h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private static boolean octets(Matcher ipv4) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(ipv4.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
