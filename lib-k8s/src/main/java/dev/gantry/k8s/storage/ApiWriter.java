package dev.gantry.k8s.storage;

import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates and merge-patches StorageClasses and PVCs through the client's own HTTP client, so that
 * every write carries {@code fieldManager} (fabric8's {@code create()} cannot send one) and, in a
 * dry run, {@code dryRun=All}. Each request is bounded by the client's request timeout. Nothing is
 * retried: the writes go through a client derived from the user's (same connections, credentials and
 * interceptors) whose fabric8 retry limit is zero, so a 5xx or a lost connection is reported at once
 * instead of being resent behind Gantry's back.
 */
final class ApiWriter {

    static final int FALLBACK_TIMEOUT_MILLIS = 30_000;
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final KubernetesClient client;
    private final String fieldManager;
    private final HttpClient http;

    ApiWriter(KubernetesClient client, String fieldManager) {
        this.client = client;
        this.fieldManager = fieldManager;
        RequestConfig noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build();
        // A derived client shares the user's client's resources and is not closed on its own.
        this.http = client.getHttpClient().newBuilder().tag(noRetries).build();
    }

    void create(HasMetadata object, boolean dryRun, String action) {
        String body = client.getKubernetesSerialization().asJson(object);
        send(builder().uri(collection(object) + query(dryRun)).post("application/json", body), action);
    }

    void patch(HasMetadata object, Map<String, Object> patch, boolean dryRun, String action) {
        String body = client.getKubernetesSerialization().asJson(patch);
        String url = collection(object) + "/" + object.getMetadata().getName() + query(dryRun);
        send(builder().uri(url).method("PATCH", MERGE_PATCH, body), action);
    }

    int timeoutMillis() {
        Integer configured = client.getConfiguration().getRequestTimeout();
        return configured == null || configured <= 0 ? FALLBACK_TIMEOUT_MILLIS : configured;
    }

    private HttpRequest.Builder builder() {
        return http.newHttpRequestBuilder().timeout(timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private String collection(HasMetadata object) {
        String base = client.getMasterUrl().toString();
        if (object instanceof StorageClass) {
            return URLUtils.join(base, "apis/storage.k8s.io/v1/storageclasses");
        }
        return URLUtils.join(base, "api/v1/namespaces", object.getMetadata().getNamespace(), "persistentvolumeclaims");
    }

    private String query(boolean dryRun) {
        return "?fieldManager=" + URLEncoder.encode(fieldManager, StandardCharsets.UTF_8) + (dryRun ? "&dryRun=All" : "");
    }

    private void send(HttpRequest.Builder request, String action) {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request.build(), String.class);
        try {
            HttpResponse<String> response = answer.get(timeoutMillis(), TimeUnit.MILLISECONDS);
            if (!response.isSuccessful()) {
                throw KubernetesApiException.from(action, failure(response));
            }
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(action);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(action);
            }
            throw KubernetesApiException.from(action, new KubernetesClientException(String.valueOf(e.getCause()),
                    e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesApiException.from(action, new KubernetesClientException("interrupted", e));
        }
    }

    private KubernetesApiException timedOut(String action) {
        return KubernetesApiException.from(action, new KubernetesClientException("no answer within "
                + timeoutMillis() + " ms, the client's request timeout"));
    }

    private KubernetesClientException failure(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        Status status = readStatus(body).orElseGet(() -> {
            Status plain = new Status();
            plain.setMessage(body.length() > 300 ? body.substring(0, 300) + "…" : body);
            plain.setCode(response.code());
            return plain;
        });
        return new KubernetesClientException(status.getMessage(), response.code(), status);
    }

    /** The API server's Status answer; empty for anything else (a proxy's HTML page, say). */
    private Optional<Status> readStatus(String body) {
        try {
            return Optional.ofNullable(client.getKubernetesSerialization().unmarshal(body, Status.class))
                    .filter(s -> s.getMessage() != null);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
