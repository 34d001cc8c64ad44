/**
 * reporting-service: the read side, kept from the published CloudEvents. One package per context, split by role like
 * the write services (docs/architecture.md, "Services and stores"):
 * <ul>
 *   <li>the features {@code projects}, {@code portfolio}, {@code agenda}, {@code cadres}, {@code dashboard}: in
 *   {@code domain} the fold of a read model's events into its document (an {@code ingestion.domain.EventFold}) and
 *   the pure rules; in {@code api} the views the HTTP API answers; in {@code mongo} the queries and aggregation
 *   pipelines; in {@code web} the controllers with their CSV and xlsx forms. The feature's configuration declares
 *   its read model as a {@code Projection} bean;</li>
 *   <li>{@code ingestion}, which knows no feature: the event catalog, the consumer's copies of the events and the
 *   fold skeleton ({@code domain}), the supervisor of the consumer thread ({@code application}), reading, consuming,
 *   dead-lettering and counting records ({@code kafka}), and the projector that applies them to every collected
 *   {@code Projection} ({@code mongo});</li>
 *   <li>{@code readmodel}: the generations of the read-model collections and their ledgers ({@code mongo}), paging
 *   ({@code api}, {@code mongo}), money in 亿元 ({@code domain}), CSV, xlsx, scopes and 404s ({@code web});</li>
 *   <li>{@code rebuild}: the rebuild use case the admin API drives ({@code application}), its replay of the topics
 *   into a new generation ({@code kafka}) and its controller ({@code web}).</li>
 * </ul>
 * ArchitectureTest keeps the core ({@code domain}, {@code api}) free of Spring, the MongoDB driver, Kafka and the
 * web, the adapters from reaching into each other, and the packages free of cycles.
 */
package cn.shuangcheng.reporting;
