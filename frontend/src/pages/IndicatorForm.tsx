import { useParams } from 'react-router';
import { useIndicator } from '../api/queries';
import { Loading, QueryError } from '../components/Status';
import { IndicatorForm } from '../components/indicator/IndicatorForm';

export default function IndicatorFormPage() {
  const params = useParams();
  const editing = params.id !== undefined;
  const id = Number(params.id);
  const indicator = useIndicator(editing ? id : Number.NaN);
  if (editing && indicator.isPending) return <Loading what="Loading the indicator" />;
  if (editing && indicator.isError) return <QueryError error={indicator.error} retry={() => indicator.refetch()} what="the indicator" />;
  return <IndicatorForm key={indicator.data?.id ?? 'new'} existing={editing ? indicator.data : undefined} />;
}
