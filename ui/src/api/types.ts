/** Wire shapes of MLflow's REST API as the tunelab server sends them (snake_case JSON). */

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

export interface Metric {
  readonly key: string;
  readonly value: number | string;
  readonly timestamp: number;
  readonly step: number;
}

export interface Experiment {
  readonly experiment_id: string;
  readonly name: string;
  readonly artifact_location?: string;
  readonly lifecycle_stage: string;
  readonly last_update_time?: number;
  readonly creation_time?: number;
  readonly tags?: KeyValue[];
}

export type RunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";

export interface RunInfo {
  readonly run_id: string;
  readonly run_name?: string;
  readonly experiment_id: string;
  readonly user_id?: string;
  readonly status: RunStatus;
  readonly start_time?: number;
  readonly end_time?: number;
  readonly artifact_uri?: string;
  readonly lifecycle_stage: string;
}

export interface RunData {
  readonly metrics?: Metric[];
  readonly params?: KeyValue[];
  readonly tags?: KeyValue[];
}

export interface Run {
  readonly info: RunInfo;
  readonly data: RunData;
}

export interface FileInfo {
  readonly path: string;
  readonly is_dir: boolean;
  readonly file_size?: number;
}

export interface SearchRunsResponse {
  readonly runs?: Run[];
  readonly next_page_token?: string;
}

export interface SearchExperimentsResponse {
  readonly experiments?: Experiment[];
  readonly next_page_token?: string;
}
