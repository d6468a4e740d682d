import { useQuery } from '@tanstack/react-query';
import { apiAll } from './http';
import type { Cluster } from './types';

/** Every registered cluster, by name: what the cluster pickers offer, however large the fleet. */
export function useAllClusters() {
  return useQuery({ queryKey: ['clusters', 'all'], queryFn: () => apiAll<Cluster>('/api/v1/clusters?sort=name') });
}
