/**
 * The dashboard: five views (evaluations at {@code /}, {@code /models}, {@code /training}, {@code /mistakes},
 * {@code /try}), each a server-rendered first view (Qute, {@code templates/<view>.html} including
 * {@code templates/layout.html}: nav and operator token) that a plain JS module under {@code META-INF/resources/}
 * keeps up to date from the server-sent-event streams and the gateway's APIs. The view records here hold the page's
 * figures already formatted; the modules format the same way.
 */
package dev.fmnist.evaluation.dashboard;
