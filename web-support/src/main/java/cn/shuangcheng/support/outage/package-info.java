/**
 * Which failures mean that a dependency (MongoDB, Kafka) is unavailable rather than that an input is bad: a request
 * that meets one is answered 503 with {@code Retry-After}, a worker that meets one retries with backoff instead of
 * parking what it was processing. Kafka and MongoDB are optional dependencies of this module: each class is used
 * only where its client is on the class path.
 */
package cn.shuangcheng.support.outage;
