/** PDF/UA-1 identification (ISO 14289-1 §5): the pdfuaid schema's part. */
export const PDFUA_ID = `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>`;

/**
 * PDF/A admits in XMP only the schemas of XMP itself and those a document declares (ISO 19005-2
 * §6.6.2.3): pdfuaid, when a PDF/A file claims PDF/UA as well, is declared by this extension schema.
 */
export const PDFUA_ID_EXTENSION = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>`;

/** The form pdfkit gives xmp:CreateDate: UTC to the second. */
function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0]}Z`;
}

/** PDF/A wants the Info ModDate in XMP as well; pdfkit's packet has xmp:CreateDate only. */
export function xmpModifyDate(date: Date): string {
  return `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(date)}</xmp:ModifyDate></rdf:Description>`;
}
