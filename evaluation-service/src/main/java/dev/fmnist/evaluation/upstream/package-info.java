/**
 * The same-origin pass-through from the dashboard to the other services: {@code /api/training/…} to
 * training-service and {@code /api/inference/…} to inference-service, so the page needs no CORS, no other host name
 * and no secret of its own. {@link dev.fmnist.evaluation.upstream.AllowList} (plain logic) says which method and
 * path may pass; {@link dev.fmnist.evaluation.upstream.UpstreamGateway} is the thin adapter that streams an allowed
 * request through Vert.x's reverse proxy ({@code io.vertx:vertx-http-proxy}) and answers the rest with an
 * {@code ApiError}.
 */
package dev.fmnist.evaluation.upstream;
