package dev.gantry.k8s;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * Wraps a real fabric8 client so that every call made through it is recorded, at any depth of the
 * DSL ({@code client.storage().v1().storageClasses().withName("x").delete()} records each step), and
 * answered by the real client. Tests hand the wrapper to a read-only audit and assert that none of the
 * recorded calls is a write.
 */
public final class RecordingClient {

    /** Every fabric8 DSL method that writes to the API server. */
    public static final Set<String> WRITES = Set.of("create", "createOr", "createOrReplace", "update",
            "updateStatus", "replace", "replaceStatus", "patch", "patchStatus", "edit", "editStatus", "accept", "delete",
            "serverSideApply", "apply", "evict", "scale", "rolling", "restart", "pause", "resume", "undo",
            "updateImage", "cordon", "uncordon", "drain");

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final KubernetesClient client;

    private RecordingClient(KubernetesClient real) {
        this.client = wrap(real, KubernetesClient.class);
    }

    /**
     * Wraps a real client.
     *
     * @param real the client to answer every call, e.g. the mock server's
     * @return the recorder, whose {@link #client()} is the wrapped client
     */
    public static RecordingClient wrapping(KubernetesClient real) {
        return new RecordingClient(real);
    }

    /**
     * Returns the wrapped client to hand to the code under test.
     *
     * @return the client that records every call
     */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Returns the names of the methods called so far, in order.
     *
     * @return the calls, e.g. {@code [nodes, list]}
     */
    public List<String> calls() {
        return new ArrayList<>(calls);
    }

    /**
     * Returns the recorded calls that write to the API server.
     *
     * @return the writes, in order; empty for read-only code
     */
    public List<String> writes() {
        return calls.stream().filter(WRITES::contains).toList();
    }

    private <T> T wrap(Object target, Class<T> type, Class<?>... more) {
        var settings = withSettings().stubOnly().defaultAnswer(new Delegating(target));
        return mock(type, more.length == 0 ? settings : settings.extraInterfaces(more));
    }

    /** Calls the real object, records the call, and wraps a returned DSL object the same way. */
    private final class Delegating implements Answer<Object> {

        private final Object target;

        private Delegating(Object target) {
            this.target = target;
        }

        @Override
        public Object answer(InvocationOnMock invocation) throws Throwable {
            calls.add(invocation.getMethod().getName());
            Object result;
            try {
                invocation.getMethod().setAccessible(true);
                result = invocation.getMethod().invoke(target, invocation.getArguments());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return isDsl(result) ? wrapInterfaces(result) : result;
        }

        private boolean isDsl(Object result) {
            return result != null && result.getClass().getName().startsWith("io.fabric8.kubernetes.client.")
                    && interfaces(result.getClass()).length > 0;
        }

        private Object wrapInterfaces(Object result) {
            Class<?>[] all = interfaces(result.getClass());
            return wrap(result, all[0], Arrays.copyOfRange(all, 1, all.length));
        }
    }

    private static Class<?>[] interfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            collect(c, all);
        }
        return all.stream().filter(i -> java.lang.reflect.Modifier.isPublic(i.getModifiers())).toArray(Class<?>[]::new);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (into.add(i)) {
                collect(i, into);
            }
        }
    }
}
