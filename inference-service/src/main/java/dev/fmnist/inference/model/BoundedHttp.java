package dev.fmnist.inference.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP GET with a deadline on the <em>whole</em> exchange (connect, headers and every byte of the body) and a
 * cap on the body's size, checked against {@code Content-Length} before reading and counted while reading. Redirects
 * are never followed (the client is built with {@link HttpClient.Redirect#NEVER}): a 3xx answer is an error.
 */
final class BoundedHttp {

    /** Receives the body's bytes in order. */
    interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    private final HttpClient http;

    BoundedHttp(Duration connectTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param uri      what to get (http or https)
     * @param accept   the {@code Accept} header
     * @param deadline how long the whole exchange may take
     * @param maxBytes the body's largest accepted size
     * @param sink     receives the body of a 200 answer
     * @return the answer's status code (the body of an answer other than 200 is dropped unread)
     * @throws IOException when the exchange fails, takes longer than {@code deadline}, or the body is too large
     */
    int get(URI uri, String accept, Duration deadline, long maxBytes, Sink sink)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("Accept", accept)
                .GET()
                .build();
        CappedBody[] body = new CappedBody[1];
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            OptionalLong length = info.headers().firstValueAsLong("Content-Length");
            String refused = length.isPresent() && length.getAsLong() > maxBytes
                    ? uri + " announces " + length.getAsLong() + " bytes, more than the limit of " + maxBytes + " bytes"
                    : null;
            body[0] = new CappedBody(uri, maxBytes, sink, refused);
            return body[0];
        };
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, handler);
        try {
            return exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            abort(exchange, body[0]);
            throw new IOException("no complete answer from " + uri + " within " + deadline);
        } catch (InterruptedException e) {
            abort(exchange, body[0]);
            throw e;
        } catch (CancellationException e) {
            throw new IOException("the request to " + uri + " was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("GET " + uri + " failed: " + cause, cause);
        }
    }

    private static void abort(CompletableFuture<?> exchange, CappedBody body) {
        exchange.cancel(true);
        if (body != null) {
            body.cancel();
        }
    }

    /** Hands the body to the sink while counting it; stops (cancels the exchange) beyond the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<Void> {

        private final URI uri;
        private final long maxBytes;
        private final Sink sink;
        private final String refusedUpFront;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private long received;

        CappedBody(URI uri, long maxBytes, Sink sink, String refusedUpFront) {
            this.uri = uri;
            this.maxBytes = maxBytes;
            this.sink = sink;
            this.refusedUpFront = refusedUpFront;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refusedUpFront != null) {
                result.completeExceptionally(new IOException(refusedUpFront));
                s.cancel();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            try {
                for (ByteBuffer item : items) {
                    received += item.remaining();
                    if (received > maxBytes) {
                        throw new IOException(uri + " sends more than the limit of " + maxBytes + " bytes");
                    }
                    sink.write(item);
                }
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
                cancel();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(null);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("the download from " + uri + " was stopped"));
        }
    }
}
