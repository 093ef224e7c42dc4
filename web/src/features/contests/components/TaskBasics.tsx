// What every way of posting a task asks first — a title, a brief, a category — in one place: the
// fields (same ids, limits and accessibility), their check, and their part of the POST /tasks body.
// Contests, piece-rate and tenders each keep their own words (keys under `<mode>.post.*`).
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { SelectField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { categoriesQuery } from "../../../lib/categories.ts";
import { CategoryOptions } from "./ContestBits.tsx";

export type TaskBasics = { title: string; brief: string; categoryId: string };
export type TaskBasicsErrors = { title?: string; brief?: string };
type Texts = "contests.post" | "piecework.post" | "tenders.post";

export const emptyTaskBasics: TaskBasics = { title: "", brief: "", categoryId: "" };

/** The basics' part of the body: trimmed, the category only when one was chosen. */
export function taskBasicsBody(basics: TaskBasics) {
  return {
    title: basics.title.trim(),
    brief: basics.brief.trim(),
    ...(basics.categoryId ? { categoryId: basics.categoryId } : {}),
  };
}

export function TaskBasicsFields({
  id,
  texts,
  value,
  onChange,
  errors,
  briefRows = 7,
}: {
  /** The form's useId(): the fields are `${id}-title`, `${id}-brief`, `${id}-category`. */
  id: string;
  texts: Texts;
  value: TaskBasics;
  onChange: (next: TaskBasics) => void;
  errors: TaskBasicsErrors;
  briefRows?: number;
}) {
  const { t } = useI18n();
  const categories = useQuery(categoriesQuery);
  return (
    <>
      <TextField
        id={`${id}-title`}
        label={t(`${texts}.fTitle`)}
        hint={t(`${texts}.hTitle`)}
        error={errors.title}
        maxLength={120}
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.target.value })}
      />
      <TextAreaField
        id={`${id}-brief`}
        label={t(`${texts}.fBrief`)}
        hint={t(`${texts}.hBrief`)}
        error={errors.brief}
        rows={briefRows}
        maxLength={10_000}
        value={value.brief}
        onChange={(e) => onChange({ ...value, brief: e.target.value })}
      />
      <SelectField
        id={`${id}-category`}
        label={t(`${texts}.fCategory`)}
        value={value.categoryId}
        onChange={(e) => onChange({ ...value, categoryId: e.target.value })}
      >
        <option value="">{t(`${texts}.noCategory`)}</option>
        <CategoryOptions tree={categories.data} />
      </SelectField>
    </>
  );
}
