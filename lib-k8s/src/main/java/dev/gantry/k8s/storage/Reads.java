package dev.gantry.k8s.storage;

import dev.gantry.k8s.KubernetesApiException;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** One place for API calls (translating errors) and Kubernetes quantities. */
final class Reads {

    private Reads() {}

    static <T> T call(String action, Supplier<T> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            throw KubernetesApiException.from(action, e);
        }
    }

    /** Bytes of a quantity such as {@code 912Gi}; empty when missing, malformed, negative or too large. */
    static OptionalLong bytes(Quantity quantity) {
        if (quantity == null || quantity.getAmount() == null) {
            return OptionalLong.empty();
        }
        try {
            BigDecimal bytes = Quantity.getAmountInBytes(quantity);
            if (bytes.signum() < 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(bytes.longValue());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Bytes of a quantity written as text; empty when malformed. */
    static OptionalLong bytes(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return OptionalLong.empty();
        }
        try {
            return bytes(new Quantity(text.strip()));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
