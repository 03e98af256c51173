package dev.fmnist.evaluation.upstream;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.config.EvaluationConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Mounts {@code /api/training/*} and {@code /api/inference/*} on the service's Vert.x router. An allowed request
 * ({@link AllowList}) is streamed to the upstream by Vert.x's reverse proxy with its path rewritten (prefix off, the
 * query as it came) and only its {@code Authorization}, {@code Content-Type} and {@code Accept} headers; the upstream's
 * answer — status, headers ({@code Content-Type}, {@code Location}, …) and body — comes back as it is. An upstream
 * that cannot be reached or does not answer within {@code fmnist.evaluation.upstream.timeout} gives 502; a path not
 * allowed 404 and an allowed path with another method 405 (with {@code Allow}), both without contacting the upstream.
 * Every error body is an {@link ApiError}.
 */
@ApplicationScoped
public class UpstreamGateway {

    private static final Logger LOG = Logger.getLogger(UpstreamGateway.class);
    /** The only request headers passed on: the operator's token, the body's type and the wanted answer type. */
    static final Set<String> PASSED_HEADERS = Set.of("authorization", "content-type", "accept");

    private final Vertx vertx;
    private final EvaluationConfig.Upstream config;
    private HttpClient client;

    public UpstreamGateway(Vertx vertx, EvaluationConfig config) {
        this.vertx = vertx;
        this.config = config.upstream();
    }

    void mount(@Observes Router router) {
        long timeoutMs = config.timeout().toMillis();
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setKeepAliveTimeout(30));
        for (UpstreamService service : UpstreamService.values()) {
            Origin origin = origin(service);
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(context -> context.client()
                            .request(new RequestOptions()
                                    .setHost(origin.host())
                                    .setPort(origin.port())
                                    .setSsl(origin.ssl())
                                    .setConnectTimeout(timeoutMs)
                                    .setIdleTimeout(timeoutMs)))
                    .addInterceptor(new Passage(service, origin));
            router.route(service.prefix() + "/*").handler(routing -> route(routing, service, proxy));
            LOG.infof("gateway: %s/* -> %s at %s", service.prefix(), service.serviceName(), origin.url());
        }
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private Origin origin(UpstreamService service) {
        return switch (service) {
            case TRAINING -> Origin.parse("fmnist.evaluation.upstream.training-url", config.trainingUrl());
            case INFERENCE -> Origin.parse("fmnist.evaluation.upstream.inference-url", config.inferenceUrl());
        };
    }

    private static void route(RoutingContext routing, UpstreamService service, HttpProxy proxy) {
        HttpServerRequest request = routing.request();
        AllowList.Decision decision = AllowList.decide(service, request.method().name(), request.path());
        if (decision instanceof AllowList.Forward) {
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                // curl asks before sending a larger image: the body is wanted (the header itself is not passed on)
                request.response().writeContinue();
            }
            proxy.handle(request);
        } else if (decision instanceof AllowList.MethodNotAllowed wrong) {
            refuse(routing, ApiError.of(405, wrong.reason()), String.join(", ", wrong.allowed()));
        } else {
            refuse(routing, ApiError.of(404, ((AllowList.NotFound) decision).reason()), null);
        }
    }

    private static void refuse(RoutingContext routing, ApiError error, String allow) {
        // the body, if any, is dropped unread; the upstream never sees the request
        routing.request().resume();
        var response = routing.response()
                .setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (allow != null) {
            response.putHeader(HttpHeaders.ALLOW, allow);
        }
        response.end(Buffer.buffer(JsonCodec.toBytes(error)));
    }

    /** @return the duration as configured people read it ({@code 10s}, {@code 500ms}) */
    static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** Rewrites the path and the headers on the way in; turns a failed exchange into a 502 ApiError. */
    private final class Passage implements ProxyInterceptor {
        private final UpstreamService service;
        private final Origin origin;

        private Passage(UpstreamService service, Origin origin) {
            this.service = service;
            this.origin = origin;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            var request = context.request();
            request.setURI(origin.basePath()
                    + request.getURI().substring(service.prefix().length()));
            MultiMap headers = request.headers();
            List<String> dropped = headers.names().stream()
                    .filter(name -> !PASSED_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                    .toList();
            dropped.forEach(headers::remove);
            return context.sendRequest().recover(failure -> Future.succeededFuture(badGateway(context, failure)));
        }

        private ProxyResponse badGateway(ProxyContext context, Throwable failure) {
            String reason = failure instanceof TimeoutException
                    ? service.serviceName() + " at " + origin.url() + " did not answer within "
                            + shown(config.timeout())
                    : service.serviceName() + " at " + origin.url() + " is unreachable: " + failure.getMessage();
            LOG.warnf(
                    "gateway: %s %s: %s",
                    context.request().getMethod(), context.request().getURI(), reason);
            return context.request()
                    .release()
                    .response()
                    .setStatusCode(502)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .setBody(Body.body(Buffer.buffer(JsonCodec.toBytes(ApiError.of(502, reason)))));
        }
    }
}
