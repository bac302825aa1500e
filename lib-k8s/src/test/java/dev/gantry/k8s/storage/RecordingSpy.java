package dev.gantry.k8s.storage;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * Wraps a fabric8 client in Mockito spies all the way down its DSL: every object a DSL method
 * returns (an operation, a resource, a group) is itself spied with this answer, so a write deep in
 * a chain such as {@code client.storage().v1().storageClasses().resource(sc).create()} is recorded
 * like a call on the client itself. Model objects and JDK types are returned as they are.
 */
final class RecordingSpy implements Answer<Object> {

    /**
     * The DSL methods that change the cluster. Calls fabric8 makes on itself are recorded too (a
     * spy sees self-invocations), so {@code getHttpClient}, which every read uses internally,
     * cannot be told apart from a raw write and is not listed.
     */
    static final Set<String> MUTATING = Set.of("create", "createOr", "createOrReplace", "update", "updateStatus",
            "replace", "replaceStatus", "patch", "patchStatus", "edit", "editStatus", "accept", "delete",
            "serverSideApply", "scale", "rolling", "restart", "evict", "undo", "pause", "resume");

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    <T> T wrap(T real) {
        @SuppressWarnings("unchecked")
        T spy = (T) spyOf(real);
        return spy;
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<String> mutatingCalls() {
        return calls().stream().filter(MUTATING::contains).toList();
    }

    @Override
    public Object answer(InvocationOnMock invocation) throws Throwable {
        Method method = invocation.getMethod();
        calls.add(method.getName());
        Object result = invocation.callRealMethod();
        if (result == null || !isDsl(method.getReturnType(), result)) {
            return result;
        }
        return spyOf(result);
    }

    private Object spyOf(Object real) {
        return mock(real.getClass(), withSettings().spiedInstance(real).defaultAnswer(this).stubOnly());
    }

    private static boolean isDsl(Class<?> declared, Object result) {
        String name = result.getClass().getName();
        return declared.isInterface() && name.startsWith("io.fabric8.kubernetes.client.")
                && !Modifier.isFinal(result.getClass().getModifiers()) && !result.getClass().isSynthetic();
    }
}
