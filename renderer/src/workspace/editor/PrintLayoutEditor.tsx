// The print version's page settings: template, columns spanned, lines given
// to photos and boxes, and the QR codes (online version; "scan and shop").
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { BUILTIN_TEMPLATES, type PrintVariant } from '@shared/channels/print';
import { useFieldValue } from '../../story/use-field-value';

type Layout = PrintVariant['layout'];
type Qr = PrintVariant['qr'];

const readLayout = (raw: unknown): Layout =>
  typeof raw === 'object' && raw !== null
    ? (raw as Layout)
    : { templateId: 'broadsheet', span: 3, reservedLines: 0 };
const readQr = (raw: unknown): Qr =>
  typeof raw === 'object' && raw !== null
    ? (raw as Qr)
    : { online: true, shopUrl: '', shopLabel: '' };

export function PrintLayoutEditor({ doc }: { doc: Y.Doc; field: string }) {
  const { t, i18n } = useTranslation();
  const [layout, setLayout] = useFieldValue(doc, 'layout', readLayout);
  const [qr, setQr] = useFieldValue(doc, 'qr', readQr);
  const ids = {
    template: useId(),
    span: useId(),
    reserved: useId(),
    shop: useId(),
    label: useId(),
  };
  const template = BUILTIN_TEMPLATES.find((x) => x.id === layout.templateId);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <fieldset className="print-layout" data-field="layout">
      <legend>{t('variant.fields.print.layout')}</legend>
      <div className="field">
        <label htmlFor={ids.template}>{t('workspace.print.template')}</label>
        <select
          id={ids.template}
          value={layout.templateId}
          onChange={(e) => setLayout({ ...layout, templateId: e.target.value })}
        >
          {BUILTIN_TEMPLATES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name[lang]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.span}>{t('workspace.print.span')}</label>
        <input
          id={ids.span}
          type="number"
          min={1}
          max={template?.columns ?? 8}
          value={layout.span}
          onChange={(e) => {
            const span = Math.round(Number(e.target.value));
            if (span >= 1 && span <= (template?.columns ?? 8)) setLayout({ ...layout, span });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.reserved}>{t('workspace.print.reserved')}</label>
        <input
          id={ids.reserved}
          type="number"
          min={0}
          max={4000}
          value={layout.reservedLines}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (n >= 0 && n <= 4000) setLayout({ ...layout, reservedLines: n });
          }}
        />
      </div>
      <label className="check" data-field="qr">
        <input
          type="checkbox"
          checked={qr.online}
          onChange={(e) => setQr({ ...qr, online: e.target.checked })}
        />
        {t('workspace.print.qrOnline')}
      </label>
      <div className="field">
        <label htmlFor={ids.shop}>{t('workspace.print.shopUrl')}</label>
        <input
          id={ids.shop}
          type="url"
          value={qr.shopUrl}
          placeholder="https://"
          onChange={(e) => setQr({ ...qr, shopUrl: e.target.value })}
        />
      </div>
      {qr.shopUrl.trim() && (
        <div className="field">
          <label htmlFor={ids.label}>{t('workspace.print.shopLabel')}</label>
          <input
            id={ids.label}
            type="text"
            value={qr.shopLabel}
            maxLength={20}
            onChange={(e) => setQr({ ...qr, shopLabel: e.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}
