package cn.shuangcheng.reporting.ingestion.domain;

import org.bson.Document;

/** The skeleton for a read model that keeps nothing beside its document while folding: each event sets fields on it. */
public abstract class DocumentFold extends EventFold<Document> {

    protected DocumentFold(EventCatalog.Kind kind) {
        super(kind);
    }

    @Override
    protected final Document start(String aggregateId) {
        return new Document("_id", aggregateId);
    }

    @Override
    protected final Document finish(Document document) {
        return document;
    }
}
