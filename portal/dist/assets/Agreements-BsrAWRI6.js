import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,l as i,n as a}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as o}from"./useTranslation-BHcLAHjw.js";import{a as s,i as c,l,o as u,t as d,u as f}from"./usePageTitle-CUEgSYxO.js";import{t as p}from"./viewer-BCh4hgTe.js";import{t as m}from"./Pager-DAfnWMpG.js";import{n as h,r as g,t as _}from"./States-Fx22-PiY.js";import{t as v}from"./format-B5R3HS_1.js";var y=e(t(),1),b=[`DISTRIBUTION`,`DEALER`,`SERVICE`],x=[`DRAFT`,`ACTIVE`,`EXPIRED`,`TERMINATED`];u(`
  fragment AgreementFields on Agreement {
    id
    number
    kind
    status
    startsOn
    endsOn
    autoRenew
    renewalNoticeDays
    noticeFrom
    endingSoon
    terms
    version
    terminatedAt
    terminationReason
    allowedActions
    dealer {
      id
      code
      name
    }
    channel {
      id
      name
    }
    territories {
      id
      name
    }
    history {
      id
      version
      change
      startsOn
      endsOn
      terms
      note
      authorName
      at
    }
  }
`);var S=u(`
  query Agreements($statuses: [AgreementStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    agreements(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          number
          kind
          status
          startsOn
          endsOn
          endingSoon
          dealer {
            id
            name
          }
        }
      }
    }
  }
`),C=u(`
  query AgreementsEnding($withinDays: Int!) {
    agreementsEnding(withinDays: $withinDays) {
      id
      number
      kind
      endsOn
      autoRenew
      noticeFrom
      endingSoon
      dealer {
        id
        name
      }
    }
  }
`),w=u(`
  query AgreementDetail($id: ID!) {
    node(id: $id) {
      ...AgreementFields
      ... on Agreement {
        attachments {
          ...AttachmentFields
        }
      }
    }
  }
`),T=u(`
  query AgreementEditorOptions {
    dealers(first: 100, orderBy: { field: NAME }) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`),E=u(`
  mutation CreateAgreement($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      ...AgreementFields
    }
  }
`),D=u(`
  mutation AmendAgreement($id: ID!, $input: AmendAgreementInput!, $note: String, $expectedVersion: Int) {
    amendAgreement(id: $id, input: $input, note: $note, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`),O=u(`
  mutation ActivateAgreement($id: ID!, $expectedVersion: Int) {
    activateAgreement(id: $id, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`),k=u(`
  mutation RenewAgreement($id: ID!, $endsOn: Date, $note: String, $expectedVersion: Int) {
    renewAgreement(id: $id, endsOn: $endsOn, note: $note, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`),A=u(`
  mutation TerminateAgreement($id: ID!, $reason: String!, $expectedVersion: Int) {
    terminateAgreement(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`),j=n(),M=20,N=`agreements.refused`;function P(e){return!!e&&x.includes(e)}function F(){let{t:e,i18n:t}=o(),[{data:n}]=p(),i=n?.me.role!==`DEALER`,s=e(i?`agreements.staffTitle`:`agreements.title`);d(s);let c=(0,y.useId)(),[l,u]=r(),b=l.get(`status`),C=P(b)?b:null,w=l.get(`after`),T=l.get(`before`),E={statuses:C?[C]:null,...T?{last:M,before:T}:{first:M,after:w??null}},[{data:D,error:O,fetching:k},A]=f({query:S,variables:E}),N=()=>A({requestPolicy:`network-only`}),F=D?.agreements;return(0,j.jsxs)(`section`,{"aria-labelledby":`agreements-title`,className:`agreements`,children:[(0,j.jsx)(`div`,{className:`page-head`,children:(0,j.jsx)(`h1`,{id:`agreements-title`,children:s})}),(0,j.jsx)(`p`,{className:`lead`,children:e(i?`agreements.staffIntro`:`agreements.intro`)}),i&&(0,j.jsx)(L,{}),i&&(0,j.jsx)(R,{}),(0,j.jsxs)(`div`,{className:`filter`,children:[(0,j.jsx)(`label`,{htmlFor:c,children:e(`agreements.filterStatus`)}),(0,j.jsxs)(`select`,{id:c,value:C??``,onChange:e=>u(e.target.value?{status:e.target.value}:{}),children:[(0,j.jsx)(`option`,{value:``,children:e(`agreements.allStatuses`)}),x.map(t=>(0,j.jsx)(`option`,{value:t,children:e(`agreementStatus.${t}`)},t))]})]}),k&&!D?(0,j.jsx)(g,{}):O&&!D?(0,j.jsx)(h,{error:O,onRetry:N}):!F||F.totalCount===0?(0,j.jsx)(_,{children:e(`agreements.empty`)}):(0,j.jsxs)(j.Fragment,{children:[(0,j.jsx)(`p`,{className:`count`,children:e(`agreements.count`,{count:F.totalCount})}),(0,j.jsxs)(`table`,{className:`table agreements-table`,children:[(0,j.jsx)(`thead`,{children:(0,j.jsxs)(`tr`,{children:[(0,j.jsx)(`th`,{scope:`col`,children:e(`agreements.number`)}),i&&(0,j.jsx)(`th`,{scope:`col`,children:e(`agreements.dealer`)}),(0,j.jsx)(`th`,{scope:`col`,children:e(`agreements.kind`)}),(0,j.jsx)(`th`,{scope:`col`,children:e(`agreements.period`)}),(0,j.jsx)(`th`,{scope:`col`,children:e(`agreements.status`)})]})}),(0,j.jsx)(`tbody`,{children:F.edges?.map(n=>{let r=n?.node;return r?(0,j.jsxs)(`tr`,{"data-agreement":r.number,"data-status":r.status,children:[(0,j.jsx)(`th`,{scope:`row`,"data-label":e(`agreements.number`),className:`mono`,children:(0,j.jsx)(a,{to:`/agreements/${encodeURIComponent(r.id)}`,children:r.number})}),i&&(0,j.jsx)(`td`,{"data-label":e(`agreements.dealer`),children:r.dealer.name}),(0,j.jsx)(`td`,{"data-label":e(`agreements.kind`),children:e(`agreementKind.${r.kind}`)}),(0,j.jsxs)(`td`,{"data-label":e(`agreements.period`),children:[v(r.startsOn,t.language),` – `,v(r.endsOn,t.language)]}),(0,j.jsxs)(`td`,{"data-label":e(`agreements.status`),children:[(0,j.jsx)(I,{status:r.status}),r.endingSoon&&(0,j.jsxs)(`span`,{className:`badge badge-warning`,children:[` `,e(`agreements.endingSoon`)]})]})]},r.id):null})})]}),(0,j.jsx)(m,{pageInfo:F.pageInfo,onPage:e=>{let t={};b&&(t.status=b),e.after&&(t.after=e.after),e.before&&(t.before=e.before),u(t)}})]})]})}function I({status:e}){let{t}=o();return(0,j.jsx)(`span`,{className:`badge badge-agreement-${e.toLowerCase()}`,"data-agreement-status":e,children:t(`agreementStatus.${e}`)})}function L(){let{t:e,i18n:t}=o(),[{data:n,error:r}]=f({query:C,variables:{withinDays:60}}),i=n?.agreementsEnding??[];return(0,j.jsxs)(`section`,{"aria-labelledby":`agreements-ending`,className:`card agreements-ending`,children:[(0,j.jsx)(`h2`,{id:`agreements-ending`,children:e(`agreements.endingTitle`,{days:60})}),r&&!n?(0,j.jsx)(h,{error:r}):i.length===0?(0,j.jsx)(`p`,{className:`state`,children:e(`agreements.endingEmpty`)}):(0,j.jsx)(`ul`,{className:`ending-list`,children:i.map(n=>(0,j.jsxs)(`li`,{"data-ending":n.number,children:[(0,j.jsx)(a,{to:`/agreements/${encodeURIComponent(n.id)}`,className:`mono`,children:n.number}),` `,n.dealer.name,` · `,e(`agreementKind.${n.kind}`),` ·`,` `,e(`agreements.endsOn`,{date:v(n.endsOn,t.language)}),n.autoRenew&&(0,j.jsxs)(j.Fragment,{children:[` · `,e(`agreements.autoRenews`)]})]},n.id))})]})}function R(){let{t:e}=o(),t=(0,y.useId)(),n=i(),[r,a]=(0,y.useState)(!1),[{data:u}]=f({query:T,pause:!r}),[d,p]=l(E),[m,h]=(0,y.useState)({dealerID:``,kind:`DEALER`,startsOn:``,endsOn:``,autoRenew:!1,renewalNoticeDays:`30`,channelID:``,territoryIDs:[],terms:``,draft:!1}),g=e=>h(t=>({...t,...e})),_=c(d.error)[0];return r?(0,j.jsxs)(`section`,{"aria-labelledby":`${t}-title`,className:`card agreement-editor`,children:[(0,j.jsx)(`h2`,{id:`${t}-title`,children:e(`agreements.new`)}),(0,j.jsxs)(`form`,{className:`form`,noValidate:!0,onSubmit:async e=>{e.preventDefault();let t=(await p({input:{dealerID:m.dealerID,kind:m.kind,startsOn:m.startsOn,endsOn:m.endsOn,autoRenew:m.autoRenew,renewalNoticeDays:Number(m.renewalNoticeDays),channelID:m.channelID||null,territoryIDs:m.territoryIDs,terms:m.terms,draft:m.draft}})).data?.createAgreement;t&&n(`/agreements/${encodeURIComponent(t.id)}`)},children:[(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${t}-dealer`,children:e(`agreements.dealer`)}),(0,j.jsxs)(`select`,{id:`${t}-dealer`,name:`dealer`,value:m.dealerID,onChange:e=>g({dealerID:e.target.value}),children:[(0,j.jsx)(`option`,{value:``,children:e(`agreements.chooseDealer`)}),u?.dealers.edges?.map(e=>e?.node?(0,j.jsxs)(`option`,{value:e.node.id,children:[e.node.name,` (`,e.node.code,`)`]},e.node.id):null)]})]}),(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${t}-kind`,children:e(`agreements.kind`)}),(0,j.jsx)(`select`,{id:`${t}-kind`,name:`kind`,value:m.kind,onChange:e=>g({kind:e.target.value}),children:b.map(t=>(0,j.jsx)(`option`,{value:t,children:e(`agreementKind.${t}`)},t))})]}),(0,j.jsx)(z,{id:t,form:m,set:g,channels:u?.channels.edges,territories:u?.territories.edges}),(0,j.jsxs)(`div`,{className:`field checkbox`,children:[(0,j.jsx)(`input`,{id:`${t}-draft`,name:`draft`,type:`checkbox`,checked:m.draft,onChange:e=>g({draft:e.target.checked})}),(0,j.jsx)(`label`,{htmlFor:`${t}-draft`,children:e(`agreements.keepDraft`)})]}),_&&(0,j.jsx)(`p`,{className:`field-error`,role:`alert`,"data-code":_.code,"data-field":_.field,children:s(e,d.error,`agreements.refused`)}),(0,j.jsxs)(`div`,{className:`actions`,children:[(0,j.jsx)(`button`,{type:`submit`,className:`button primary`,"data-action":`create-agreement`,disabled:d.fetching,children:e(`agreements.create`)}),(0,j.jsx)(`button`,{type:`button`,className:`button`,onClick:()=>a(!1),children:e(`agreements.cancel`)})]})]})]}):(0,j.jsx)(`p`,{children:(0,j.jsx)(`button`,{type:`button`,className:`button`,"data-action":`new-agreement`,onClick:()=>a(!0),children:e(`agreements.new`)})})}function z({id:e,form:t,set:n,channels:r,territories:i}){let{t:a}=o();return(0,j.jsxs)(j.Fragment,{children:[(0,j.jsxs)(`div`,{className:`field-row`,children:[(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${e}-starts`,children:a(`agreements.startsOn`)}),(0,j.jsx)(`input`,{id:`${e}-starts`,name:`startsOn`,type:`date`,value:t.startsOn,onChange:e=>n({startsOn:e.target.value})})]}),(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${e}-ends`,children:a(`agreements.endsOnLabel`)}),(0,j.jsx)(`input`,{id:`${e}-ends`,name:`endsOn`,type:`date`,value:t.endsOn,onChange:e=>n({endsOn:e.target.value})})]})]}),(0,j.jsxs)(`div`,{className:`field-row`,children:[(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${e}-notice`,children:a(`agreements.noticeDays`)}),(0,j.jsx)(`input`,{id:`${e}-notice`,name:`renewalNoticeDays`,type:`number`,inputMode:`numeric`,min:0,max:365,value:t.renewalNoticeDays,onChange:e=>n({renewalNoticeDays:e.target.value})})]}),(0,j.jsxs)(`div`,{className:`field checkbox`,children:[(0,j.jsx)(`input`,{id:`${e}-auto`,name:`autoRenew`,type:`checkbox`,checked:t.autoRenew,onChange:e=>n({autoRenew:e.target.checked})}),(0,j.jsx)(`label`,{htmlFor:`${e}-auto`,children:a(`agreements.autoRenew`)})]})]}),(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${e}-channel`,children:a(`agreements.channel`)}),(0,j.jsxs)(`select`,{id:`${e}-channel`,name:`channel`,value:t.channelID,onChange:e=>n({channelID:e.target.value}),children:[(0,j.jsx)(`option`,{value:``,children:a(`agreements.noChannel`)}),r?.map(e=>e?.node?(0,j.jsx)(`option`,{value:e.node.id,children:e.node.name},e.node.id):null)]})]}),(0,j.jsxs)(`fieldset`,{className:`field`,children:[(0,j.jsx)(`legend`,{children:a(`agreements.territories`)}),(0,j.jsx)(`div`,{className:`checks`,children:i?.map(e=>e?.node?(0,j.jsxs)(`label`,{className:`check`,children:[(0,j.jsx)(`input`,{type:`checkbox`,name:`territory`,value:e.node.id,checked:t.territoryIDs.includes(e.node.id),onChange:r=>{let i=e.node.id;n({territoryIDs:r.target.checked?[...t.territoryIDs,i]:t.territoryIDs.filter(e=>e!==i)})}}),` `,e.node.name]},e.node.id):null)})]}),(0,j.jsxs)(`div`,{className:`field`,children:[(0,j.jsx)(`label`,{htmlFor:`${e}-terms`,children:a(`agreements.terms`)}),(0,j.jsx)(`textarea`,{id:`${e}-terms`,name:`terms`,rows:8,value:t.terms,onChange:e=>n({terms:e.target.value})}),(0,j.jsx)(`p`,{className:`hint`,children:a(`agreements.termsHint`)})]})]})}export{I as AgreementStatusBadge,F as Agreements,N as SCOPE,z as TermsFields,k as a,D as i,w as n,A as o,T as r,O as t};