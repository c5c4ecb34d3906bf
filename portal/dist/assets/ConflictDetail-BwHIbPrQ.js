import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-DG79n_Wb.js";import{t as d}from"./viewer-4zxnIsPM.js";import{n as f,r as p,t as m}from"./States-BbBbf3Ka.js";import{i as h,t as g}from"./format-B5R3HS_1.js";import{CaseStatus as _}from"./Conflicts-pVpAq9OU.js";import{n as v}from"./localName-OkrEYGri.js";var y=e(t(),1),b=n(),x=c(`
  fragment ConflictCaseFields on ConflictCase {
    id
    number
    kind
    severity
    status
    summary
    evidence
    dueOn
    overdue
    resolutionNote
    resolvedAt
    openedByName
    openedAt
    lastActivityAt
    allowedTransitions
    territory {
      id
      name
      nameZh
    }
    reporterDealer {
      id
      name
    }
    parties {
      id
      name
    }
    evidenceOrders {
      id
      number
    }
    comments {
      id
      authorName
      fromStaff
      internal
      body
      at
    }
    history {
      id
      action
      from
      to
      actorName
      note
      internal
      at
    }
  }
`),S=c(`
  query ConflictCase($id: ID!) {
    node(id: $id) {
      __typename
      id
      ...ConflictCaseFields
    }
  }
`),C=c(`
  mutation MoveConflictCase($id: ID!, $to: ConflictStatus!, $note: String) {
    moveConflictCase(id: $id, to: $to, note: $note) {
      ...ConflictCaseFields
    }
  }
`),w=c(`
  mutation CommentOnConflictCase($id: ID!, $body: String!, $internal: Boolean) {
    commentOnConflictCase(id: $id, body: $body, internal: $internal) {
      ...ConflictCaseFields
    }
  }
`);function T(){let{t:e,i18n:t}=a(),{id:n=``}=i(),[{data:o}]=d(),s=o?.me.role!==`DEALER`,[{data:c,error:y,fetching:x},C]=u({query:S,variables:{id:n}}),w=c?.node?.__typename===`ConflictCase`?c.node:null;l(w?.number??e(`conflicts.title`));let T=(0,b.jsx)(`p`,{className:`back`,children:(0,b.jsxs)(r,{to:`/conflicts`,children:[`← `,e(`conflicts.back`)]})});return x&&!c?(0,b.jsx)(p,{}):y&&!c?(0,b.jsxs)(b.Fragment,{children:[T,(0,b.jsx)(f,{error:y,onRetry:()=>C({requestPolicy:`network-only`})})]}):w?(0,b.jsxs)(`article`,{"aria-labelledby":`case-title`,className:`conflict-case`,children:[T,(0,b.jsxs)(`p`,{className:`eyebrow`,children:[e(`conflictKind.${w.kind}`),` ·`,` `,(0,b.jsx)(`span`,{className:`badge severity-${w.severity.toLowerCase()}`,children:e(`conflictSeverity.${w.severity}`)})]}),(0,b.jsxs)(`h1`,{id:`case-title`,children:[(0,b.jsx)(`span`,{className:`mono`,children:w.number}),` `,(0,b.jsx)(_,{status:w.status})]}),(0,b.jsx)(`p`,{className:`case-summary`,children:w.summary}),(0,b.jsxs)(`dl`,{className:`facts`,children:[(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`conflicts.parties`)}),(0,b.jsx)(`dd`,{className:`case-parties`,children:w.parties.map(e=>e.name).join(`, `)})]}),(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`conflicts.territory`)}),(0,b.jsx)(`dd`,{children:w.territory?v(w.territory,t.language):e(`conflicts.noTerritory`)})]}),(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`conflicts.openedBy`)}),(0,b.jsxs)(`dd`,{children:[w.openedByName,w.reporterDealer&&(0,b.jsxs)(b.Fragment,{children:[` (`,w.reporterDealer.name,`)`]}),` · `,h(w.openedAt,t.language)]})]}),(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`conflicts.dueOn`)}),(0,b.jsxs)(`dd`,{children:[g(w.dueOn,t.language),` `,w.overdue&&(0,b.jsx)(`span`,{className:`badge badge-terminated`,children:e(`conflicts.overdue`)})]})]})]}),w.resolutionNote&&(0,b.jsxs)(`p`,{className:`notice`,children:[e(`conflicts.resolution`),`: `,w.resolutionNote]}),(w.evidence||w.evidenceOrders.length>0)&&(0,b.jsxs)(`section`,{"aria-labelledby":`case-evidence`,children:[(0,b.jsx)(`h2`,{id:`case-evidence`,children:e(`conflicts.evidence`)}),w.evidence&&(0,b.jsx)(`p`,{className:`pre`,children:w.evidence}),w.evidenceOrders.length>0&&(0,b.jsx)(`ul`,{className:`chips`,children:w.evidenceOrders.map(e=>(0,b.jsx)(`li`,{children:(0,b.jsx)(r,{to:`/orders/${encodeURIComponent(e.id)}`,className:`mono`,children:e.number})},e.id))})]}),s&&w.allowedTransitions.length>0&&(0,b.jsx)(E,{id:w.id,moves:w.allowedTransitions}),(0,b.jsxs)(`section`,{"aria-labelledby":`case-comments`,children:[(0,b.jsx)(`h2`,{id:`case-comments`,children:e(`conflicts.comments`)}),w.comments.length?(0,b.jsx)(`ul`,{className:`comments`,children:w.comments.map(n=>(0,b.jsxs)(`li`,{className:n.internal?`comment comment-internal`:`comment`,children:[(0,b.jsxs)(`p`,{className:`history-who`,children:[n.authorName,` `,n.fromStaff&&(0,b.jsx)(`span`,{className:`badge`,children:e(`conflicts.staff`)}),n.internal&&(0,b.jsx)(`span`,{className:`badge badge-hold`,children:e(`conflicts.internal`)}),` `,(0,b.jsx)(`time`,{dateTime:n.at,children:h(n.at,t.language)})]}),(0,b.jsx)(`p`,{className:`pre`,children:n.body})]},n.id))}):(0,b.jsx)(m,{children:e(`conflicts.noComments`)}),(0,b.jsx)(D,{id:w.id,staff:s})]}),(0,b.jsxs)(`section`,{"aria-labelledby":`case-history`,children:[(0,b.jsx)(`h2`,{id:`case-history`,children:e(`conflicts.history`)}),(0,b.jsx)(`ol`,{className:`history case-history`,children:w.history.map(n=>(0,b.jsxs)(`li`,{children:[(0,b.jsx)(`span`,{className:`history-what`,children:n.from&&n.to?e(`conflicts.moved`,{from:e(`conflictStatus.${n.from}`),to:e(`conflictStatus.${n.to}`)}):e(`conflictAction.${n.action}`)}),` `,n.internal&&(0,b.jsx)(`span`,{className:`badge badge-hold`,children:e(`conflicts.internal`)}),` `,(0,b.jsx)(`span`,{className:`history-who`,children:n.actorName}),` `,(0,b.jsx)(`time`,{dateTime:n.at,children:h(n.at,t.language)}),n.note&&(0,b.jsx)(`p`,{className:`history-note`,children:n.note})]},n.id))})]})]}):(0,b.jsxs)(b.Fragment,{children:[T,(0,b.jsx)(m,{children:e(`conflicts.notFound`)})]})}function E({id:e,moves:t}){let{t:n}=a(),r=(0,y.useId)(),[i,c]=(0,y.useState)(``),[{fetching:l,error:u},d]=s(C);return(0,b.jsxs)(`section`,{"aria-labelledby":`case-move`,className:`case-move`,children:[(0,b.jsx)(`h2`,{id:`case-move`,children:n(`conflicts.move`)}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:r,children:n(`conflicts.moveNote`)}),(0,b.jsx)(`textarea`,{id:r,name:`note`,rows:2,value:i,onChange:e=>c(e.target.value)})]}),(0,b.jsx)(`p`,{className:`actions-row`,children:t.map(t=>(0,b.jsx)(`button`,{type:`button`,className:`button`,"data-move":t,disabled:l,onClick:async()=>{(await d({id:e,to:t,note:i||null})).error||c(``)},children:n(`conflicts.moveTo.${t}`)},t))}),u&&(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(n,u,`conflicts.refused`)})]})}function D({id:e,staff:t}){let{t:n}=a(),r=(0,y.useId)(),[i,c]=(0,y.useState)(``),[l,u]=(0,y.useState)(!1),[{fetching:d,error:f},p]=s(w);return(0,b.jsxs)(`form`,{className:`form comment-form`,onSubmit:async n=>{n.preventDefault(),(await p({id:e,body:i,internal:t?l:null})).error||c(``)},children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:r,children:n(`conflicts.addComment`)}),(0,b.jsx)(`textarea`,{id:r,name:`comment`,rows:3,value:i,onChange:e=>c(e.target.value)})]}),t&&(0,b.jsxs)(`label`,{className:`check`,children:[(0,b.jsx)(`input`,{type:`checkbox`,name:`internal`,checked:l,onChange:e=>u(e.target.checked)}),` `,n(`conflicts.internalNote`)]}),f&&(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(n,f)}),(0,b.jsx)(`p`,{className:`actions-row`,children:(0,b.jsx)(`button`,{type:`submit`,className:`button`,disabled:d||!i.trim(),children:n(`conflicts.postComment`)})})]})}export{w as CommentOnConflictCaseMutation,x as ConflictCaseFieldsFragment,S as ConflictCaseQuery,T as ConflictDetail,C as MoveConflictCaseMutation};