/**
 * The services' shared messaging toolkit. Every consumer in the pipeline handles failure the same way:
 * <ul>
 *   <li>an <b>outage</b> of PostgreSQL or Kafka ({@link Outages#isOutage}) pauses the work: {@link OutageGate}
 *       retries the same call with exponential backoff until the dependency answers, while readiness reports DOWN
 *       ({@link OutageReadiness}) and liveness stays UP; nothing is skipped, so nothing is lost;</li>
 *   <li>a <b>poison record</b> — one that fails for a reason of its own — is isolated from its batch
 *       ({@link Isolation}) and handed back to the caller, which refuses it to {@code fmnist.rejected} with a
 *       rule-coded reason ({@link Isolation#reason}) and goes on.</li>
 * </ul>
 * Plain Java plus one CDI bean and one health check; no service code.
 */
package dev.fmnist.kit;
