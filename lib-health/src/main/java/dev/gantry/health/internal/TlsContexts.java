package dev.gantry.health.internal;

import dev.gantry.health.TlsSettings;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.OkHttpClient;

/**
 * Not part of Gantry's API; it may change in any release. Applies {@link TlsSettings} to an
 * OkHttp client: the CA bundle as the only trusted roots, the client certificate and key for
 * mutual TLS, and host-name checking unless it was turned off. A server certificate that the
 * bundle does not trust fails with a message that names the certificate, its issuer and the
 * bundle. Stateless and thread-safe.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * Applies TLS settings to a client's builder; leaves it as it is for the JDK's defaults.
     *
     * @param builder the client's builder
     * @param tls the settings
     * @return the same builder
     * @throws IllegalStateException when the JDK cannot set up TLS with these settings
     */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder builder, TlsSettings tls) {
        if (tls.equals(TlsSettings.ofDefaults())) {
            return builder;
        }
        try {
            X509ExtendedTrustManager trust = trustManager(tls);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), new TrustManager[] {trust}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with " + tls + ": " + e.getMessage(), e);
        }
        if (!tls.verifyHostname()) {
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder;
    }

    private static X509ExtendedTrustManager trustManager(TlsSettings tls) throws GeneralSecurityException {
        KeyStore roots = null;
        String trusted = "the JDK's default trust store";
        if (tls.caBundlePem().isPresent()) {
            List<X509Certificate> cas = Pem.certificates(tls.caBundlePem().get(), "the CA bundle");
            roots = emptyKeyStore(KeyStore.getDefaultType());
            for (int i = 0; i < cas.size(); i++) {
                roots.setCertificateEntry("ca-" + i, cas.get(i));
            }
            trusted = "the CA bundle (" + Pem.subjects(cas) + ")";
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(roots);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return new NamingTrustManager(extended, trusted);
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    private static KeyManager[] keyManagers(TlsSettings tls) throws GeneralSecurityException {
        if (tls.clientKeyPem().isEmpty() || tls.clientCertificatePem().isEmpty()) {
            return null;
        }
        List<X509Certificate> chain = Pem.certificates(tls.clientCertificatePem().get(), "the client certificate");
        PrivateKey key = Pem.privateKey(tls.clientKeyPem().get(), "the client key");
        char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
        KeyStore store = emptyKeyStore("PKCS12");
        store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyKeyStore(String type) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        return store;
    }

    /** Delegates to the JDK's trust manager and names the certificate and the roots when it fails. */
    private static final class NamingTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;
        private final String trusted;

        NamingTrustManager(X509ExtendedTrustManager delegate, String trusted) {
            this.delegate = delegate;
            this.trusted = trusted;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw untrusted(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw untrusted(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw untrusted(chain, e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        private CertificateException untrusted(X509Certificate[] chain, CertificateException cause) {
            String server = Optional.ofNullable(chain).filter(c -> c.length > 0)
                    .map(c -> "certificate " + Pem.subject(c[0]) + " issued by "
                            + c[0].getIssuerX500Principal().getName())
                    .orElse("certificate");
            return new CertificateException("the server's " + server + " is not trusted by " + trusted
                    + "; give the CA that signed it (--cacert, withCaBundle): " + cause.getMessage(), cause);
        }
    }
}
