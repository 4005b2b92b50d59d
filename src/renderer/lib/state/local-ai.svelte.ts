import type { InferenceStatus, ModelListing } from '../../../shared/models/local-ai';
import type { ApiClient } from '../api';
import { describeError } from '../api/describe-error';

/** Local AI as the status bar and Settings show it: the engine's status (kept current by its event) and the models. */
export class LocalAiState {
  status = $state.raw<InferenceStatus | null>(null);
  models = $state.raw<ModelListing[]>([]);
  error = $state<string | null>(null);
  /** A change of the force-CPU setting is on its way. */
  switching = $state(false);

  constructor(private readonly api: ApiClient) {}

  start(): () => void {
    const stop = this.api.on('inference.changed', ({ status }) => {
      this.status = status;
    });
    void this.loadStatus();
    return stop;
  }

  async loadStatus(): Promise<void> {
    try {
      this.status = await this.api.call('inference.status');
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** `refresh` checks every model file again (size and checksum). */
  async loadModels(refresh = false): Promise<void> {
    try {
      this.models = await this.api.call('models.list', { refresh });
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }

  async setForceCpu(forceCpu: boolean): Promise<void> {
    this.switching = true;
    try {
      this.status = await this.api.call('inference.setForceCpu', { forceCpu });
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.switching = false;
    }
  }
}
