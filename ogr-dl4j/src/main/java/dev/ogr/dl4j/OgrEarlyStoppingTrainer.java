package dev.ogr.dl4j;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.trainer.BaseEarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * DL4J's early stopping (termination conditions, score calculators, model savers, listeners) with the steps taken
 * by an {@link OgrTrainer}: use it where you would use DL4J's {@code EarlyStoppingTrainer} or
 * {@code EarlyStoppingGraphTrainer}.
 *
 * @param <T> the network type, {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
public final class OgrEarlyStoppingTrainer<T extends Model> extends BaseEarlyStoppingTrainer<T> {

    private final OgrTrainer trainer;

    /** Early stopping over {@code train} (a DataSetIterator). */
    @SuppressWarnings("unchecked")
    public OgrEarlyStoppingTrainer(EarlyStoppingConfiguration<T> config, OgrTrainer trainer, DataSetIterator train,
            EarlyStoppingListener<T> listener) {
        super(config, (T) trainer.model(), train, null, listener);
        this.trainer = trainer;
    }

    /** Early stopping over {@code train} (a MultiDataSetIterator). */
    @SuppressWarnings("unchecked")
    public OgrEarlyStoppingTrainer(EarlyStoppingConfiguration<T> config, OgrTrainer trainer,
            MultiDataSetIterator train, EarlyStoppingListener<T> listener) {
        super(config, (T) trainer.model(), null, train, listener);
        this.trainer = trainer;
    }

    @Override
    protected void fit(DataSet ds) {
        trainer.fit(ds);
    }

    @Override
    protected void fit(MultiDataSet mds) {
        trainer.fit(mds);
    }

    @Override
    protected void pretrain(DataSet ds) {
        throw new UnsupportedOperationException("layer-wise pretraining is not done by ogr optimizers; "
                + "pretrain with DL4J's EarlyStoppingTrainer, then fine-tune with this one");
    }

    @Override
    protected void pretrain(MultiDataSet mds) {
        pretrain((DataSet) null);
    }
}
