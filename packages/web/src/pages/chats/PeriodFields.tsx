import { Select, TextInput } from '@mantine/core';
import { PERIOD_MAX_DAYS } from '@parley/protocol';
import { useT } from '../../i18n';
import { periodOf, periodProblem, type ChatFilterView, type PeriodChoice } from './chatFilters';

type Period = Pick<ChatFilterView, 'period' | 'from' | 'to'>;

/**
 * The handbook's date filter (today, yesterday, last 7 days, last 30 days, or a custom range of two dates), as
 * the chat list, the statistics and the exports show it. Choosing "Custom range" starts from the dates shown
 * then, so a page never goes blank while choosing; a reversed or too long range is said at the end date.
 */
export function PeriodFields({
  value,
  timeZone,
  onPeriod,
  onDate,
}: {
  value: Period;
  timeZone: string;
  onPeriod: (period: PeriodChoice, range?: { from: string; to: string }) => void;
  onDate: (key: 'from' | 'to', date: string | null) => void;
}) {
  const t = useT();
  const problem = periodProblem(value);
  const periods: { value: PeriodChoice; label: string }[] = [
    { value: 'today', label: t('chatList.today') },
    { value: 'yesterday', label: t('chatList.yesterday') },
    { value: 'last7', label: t('chatList.last7') },
    { value: 'last30', label: t('chatList.last30') },
    { value: 'custom', label: t('chatList.custom') },
  ];
  const choose = (choice: string | null) => {
    if (!choice) return;
    const period = choice as PeriodChoice;
    const range = periodOf(value, new Date(), timeZone) ?? undefined;
    onPeriod(period, period === 'custom' ? range : undefined);
  };
  return (
    <>
      <Select
        label={t('chatList.period')}
        data={periods}
        value={value.period}
        onChange={choose}
        allowDeselect={false}
        w={170}
      />
      {value.period === 'custom' && (
        <>
          <TextInput
            type="date"
            label={t('chatList.from')}
            value={value.from ?? ''}
            max={value.to ?? undefined}
            onChange={(e) => onDate('from', e.currentTarget.value || null)}
            w={160}
          />
          <TextInput
            type="date"
            label={t('chatList.to')}
            value={value.to ?? ''}
            min={value.from ?? undefined}
            onChange={(e) => onDate('to', e.currentTarget.value || null)}
            error={
              problem === 'endBeforeStart'
                ? t('chatList.endBeforeStart')
                : problem === 'tooLong'
                  ? t('chatList.periodTooLong', { days: PERIOD_MAX_DAYS })
                  : undefined
            }
            w={160}
          />
        </>
      )}
    </>
  );
}
