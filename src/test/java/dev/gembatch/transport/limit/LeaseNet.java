package dev.gembatch.transport.limit;

import dev.gembatch.config.LimiterSettings;
import dev.gembatch.config.QuotaSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * A driver's {@link QuotaLeases} and the executors' channels to it, in one test JVM on one
 * {@link ManualTime}: every message crosses Java serialization read back by a stream that refuses
 * any class outside the JDK, as Spark's RPC on an executor would before the application jar is
 * loaded. {@link #down} makes an executor's asks fail (its driver is unreachable).
 */
final class LeaseNet {
    final ManualTime time;
    final QuotaLeases driver;

    LeaseNet(ManualTime time) {
        this.time = time;
        this.driver = new QuotaLeases(time);
    }

    /** An executor JVM's limiter (concurrency {@code slots}) leasing {@code quota}. */
    Limiter executor(String id, QuotaSettings quota, int slots) {
        return Limiter.of(LimiterSettings.fixed(slots), quota.leasedFromDriver(), time, time,
                channel(id));
    }

    Channel channel(String id) {
        return new Channel(id, this);
    }

    /** One executor's channel; asks fail while {@link #down} is set. */
    static final class Channel implements Limiter.LeaseChannel {
        private final String id;
        private final LeaseNet net;
        volatile boolean down;
        /** How long a message takes each way (0: answered at once). */
        volatile java.time.Duration latency = java.time.Duration.ZERO;
        int asks;

        Channel(String id, LeaseNet net) {
            this.id = id;
            this.net = net;
        }

        @Override
        public String holder() {
            return id;
        }

        @Override
        public CompletableFuture<Object> ask(Object message) {
            asks++;
            if (down) {
                return CompletableFuture.failedFuture(new IOException("driver unreachable"));
            }
            if (latency.isZero()) {
                return CompletableFuture.completedFuture(jdkOnly(net.driver.answer(jdkOnly(
                        message))));
            }
            CompletableFuture<Object> reply = new CompletableFuture<>();
            net.time.after(latency, () -> {
                Object answer = jdkOnly(net.driver.answer(jdkOnly(message)));
                net.time.after(latency, () -> reply.complete(answer));
            });
            return reply;
        }
    }

    /** {@code message} written and read back with no class but the JDK's resolvable. */
    static Object jdkOnly(Object message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(message);
            }
            try (ObjectInputStream in = new JdkOnlyInput(new ByteArrayInputStream(
                    bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("a lease message carries a class outside the JDK", e);
        }
    }

    private static final class JdkOnlyInput extends ObjectInputStream {
        JdkOnlyInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc)
                throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (!name.startsWith("java.") && !name.startsWith("[Ljava.") && name.length() > 2) {
                throw new ClassNotFoundException(name);
            }
            return super.resolveClass(desc);
        }
    }
}
