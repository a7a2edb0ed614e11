import { useEffect, useState } from 'preact/hooks';
import { apiGet } from './api';

// Agent names for labels (GET /dimensions/agent gives value and label), fetched once per session
// and shared by every link and axis; ids show until they arrive.

type Values = { values: { value: string; label: string }[] };
let names = new Map<string, string>();
let pending: Promise<void> | null = null;

export function useAgentNames(): Map<string, string> {
  const [, setTick] = useState(0);
  useEffect(() => {
    pending ??= apiGet<Values>('/dimensions/agent').then(
      (r) => {
        names = new Map(
          r.values.filter((v) => v.label && v.label !== v.value).map((v) => [v.value, v.label]),
        );
      },
      () => {
        pending = null;
      },
    );
    let live = true;
    void pending.then(() => live && setTick((n) => n + 1));
    return () => {
      live = false;
    };
  }, []);
  return names;
}

/** "Emily Davis (1001)" style: the server's label when it names the agent, else the id. */
export function agentLabel(id: string, map: Map<string, string>): string {
  const label = map.get(id);
  if (!label) return id;
  return label.includes(id) ? label : `${label} (${id})`;
}
