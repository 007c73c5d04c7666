/**
 * Google's own credentials for Vertex AI: Application Default Credentials (or a service-account
 * key file) through Google's auth library, turned into OAuth2 access tokens that each JVM obtains,
 * refreshes before they expire and renews when the server rejects one. The only package importing
 * {@code com.google.auth}; tokens and key material never leave it except as the token handed to
 * the transport's {@code Authorization} header. Door: {@code AccessTokens}. May use: config.
 */
package dev.gembatch.credentials;
