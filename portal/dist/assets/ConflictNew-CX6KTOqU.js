import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{l as r,n as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{i as o,l as s,n as c,o as l,r as u,t as d,u as f}from"./usePageTitle-CUEgSYxO.js";import{n as p}from"./AudiencePicker-D2849vP_.js";import{t as m}from"./viewer-BCh4hgTe.js";import{n as h,r as g}from"./States-Fx22-PiY.js";import{CONFLICT_SEVERITIES as _}from"./Conflicts-DG6Qg2as.js";import{i as v}from"./format-B5R3HS_1.js";var y=e(t(),1),b=n(),x=[`TERRITORY_BREACH`,`PRICE_UNDERCUT`,`CUSTOMER_POACHING`,`OTHER`],S=l(`
  query ConflictOptions($dealerID: ID!, $isDealer: Boolean!) {
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
          nameZh
        }
      }
    }
    orders(first: 20) {
      edges {
        node {
          id
          number
          placedAt
          dealer {
            id
            name
          }
        }
      }
    }
  }
`),C=l(`
  query ConflictCounterpartySearch($territoryID: ID, $q: String) {
    conflictCounterparties(territoryID: $territoryID, search: $q) {
      id
      code
      name
    }
  }
`),w=l(`
  mutation OpenConflictCase($input: OpenConflictCaseInput!) {
    openConflictCase(input: $input) {
      id
      number
    }
  }
`);function T(){let{t:e,i18n:t}=a(),n=(0,y.useId)(),l=r(),[{data:T}]=m(),E=T?.me,D=E?.role===`DEALER`;d(e(`conflicts.newTitle`));let[{data:O,error:k}]=f({query:S,variables:{dealerID:E?.dealer?.id??``,isDealer:D},pause:!E}),[A,j]=(0,y.useState)({kind:`TERRITORY_BREACH`,severity:`MEDIUM`,territoryID:``,summary:``,evidence:``}),[M,N]=(0,y.useState)([]),[P,F]=(0,y.useState)([]),[I,L]=(0,y.useState)(``),R=I.trim().length>=2,[{data:z}]=f({query:p,variables:{q:I},pause:!E||D||!R}),[{data:B}]=f({query:C,variables:{territoryID:A.territoryID||null,q:I.trim()},pause:!E||!D||!R}),[{fetching:V,error:H},U]=s(w);if(k&&!O)return(0,b.jsx)(h,{error:k});if(!O)return(0,b.jsx)(g,{});let W=D?O.dealer?.__typename===`Dealer`?O.dealer.territories??[]:[]:(O.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]),G=(O.orders.edges??[]).flatMap(e=>e?.node?[e.node]:[]),K=(D?B?.conflictCounterparties??[]:(z?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[])).filter(e=>e.id!==E?.dealer?.id&&!M.some(t=>t.id===e.id)),q=o(H),J=(...t)=>{let n=q.find(e=>e.field&&t.includes(u(e.field).name.replace(/\[\d+\]$/,``)));return n?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:c(e,{...n,field:n.field.replace(/\[\d+\]$/,``)},`conflicts`)}):null},Y=q.filter(e=>!e.field),X=e=>t=>j(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${n}-title`,children:[(0,b.jsx)(`p`,{className:`back`,children:(0,b.jsxs)(i,{to:`/conflicts`,children:[`← `,e(`conflicts.back`)]})}),(0,b.jsx)(`h1`,{id:`${n}-title`,children:e(`conflicts.newTitle`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(`conflicts.newIntro`)}),(0,b.jsxs)(`form`,{className:`form conflict-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault();let t=await U({input:{kind:A.kind,severity:A.severity,partyIDs:M.map(e=>e.id),territoryID:A.territoryID||null,summary:A.summary,evidence:A.evidence||null,evidenceOrderIDs:P}});!t.error&&t.data&&l(`/conflicts/${encodeURIComponent(t.data.openConflictCase.id)}`)},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${n}-kind`,children:e(`conflicts.kind`)}),(0,b.jsx)(`select`,{id:`${n}-kind`,name:`kind`,value:A.kind,onChange:X(`kind`),children:x.map(t=>(0,b.jsx)(`option`,{value:t,children:e(`conflictKind.${t}`)},t))})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${n}-severity`,children:e(`conflicts.severity`)}),(0,b.jsx)(`select`,{id:`${n}-severity`,name:`severity`,value:A.severity,onChange:X(`severity`),children:_.map(t=>(0,b.jsx)(`option`,{value:t,children:e(`conflictSeverity.${t}`)},t))})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${n}-territory`,children:e(`conflicts.territory`)}),(0,b.jsxs)(`select`,{id:`${n}-territory`,name:`territoryID`,value:A.territoryID,onChange:X(`territoryID`),children:[(0,b.jsx)(`option`,{value:``,children:e(`conflicts.noTerritory`)}),W.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),J(`territoryID`)]})]}),(0,b.jsxs)(`fieldset`,{className:`parties`,children:[(0,b.jsx)(`legend`,{children:e(`conflicts.against`)}),M.length>0&&(0,b.jsx)(`ul`,{className:`chips`,children:M.map(t=>(0,b.jsxs)(`li`,{"data-party":t.name,children:[t.name,` `,(0,b.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":e(`policies.removeDealer`,{name:t.name}),onClick:()=>N(M.filter(e=>e.id!==t.id)),children:`×`})]},t.id))}),(0,b.jsx)(`label`,{htmlFor:`${n}-party`,children:e(D?`conflicts.findParty`:`policies.findDealer`)}),(0,b.jsx)(`input`,{id:`${n}-party`,name:`party`,type:`search`,value:I,onChange:e=>L(e.target.value),"aria-describedby":D?`${n}-party-hint`:void 0}),D&&(0,b.jsx)(`p`,{id:`${n}-party-hint`,className:`muted`,children:e(A.territoryID?`conflicts.findPartyInTerritory`:`conflicts.findPartyHint`)}),K.length>0&&(0,b.jsx)(`ul`,{className:`links dealer-candidates`,children:K.map(e=>(0,b.jsx)(`li`,{children:(0,b.jsxs)(`button`,{type:`button`,className:`button button-quiet`,"data-dealer":e.name,onClick:()=>{N([...M,{id:e.id,name:e.name}]),L(``)},children:[`+ `,e.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.code})]})},e.id))}),J(`partyIDs`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${n}-summary`,children:e(`conflicts.summary`)}),(0,b.jsx)(`textarea`,{id:`${n}-summary`,name:`summary`,rows:3,maxLength:2e3,value:A.summary,onChange:X(`summary`)}),J(`summary`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${n}-evidence`,children:e(`conflicts.evidence`)}),(0,b.jsx)(`textarea`,{id:`${n}-evidence`,name:`evidence`,rows:4,maxLength:1e4,value:A.evidence,onChange:X(`evidence`)}),J(`evidence`)]}),G.length>0&&(0,b.jsxs)(`fieldset`,{className:`evidence-orders`,children:[(0,b.jsx)(`legend`,{children:e(`conflicts.linkOrders`)}),G.map(e=>(0,b.jsxs)(`label`,{className:`check`,children:[(0,b.jsx)(`input`,{type:`checkbox`,"data-order":e.number,checked:P.includes(e.id),onChange:()=>F(P.includes(e.id)?P.filter(t=>t!==e.id):[...P,e.id])}),` `,(0,b.jsx)(`span`,{className:`mono`,children:e.number}),` `,(0,b.jsx)(`span`,{className:`muted`,children:e.dealer.name}),` `,(0,b.jsx)(`span`,{className:`muted`,children:v(e.placedAt,t.language)})]},e.id)),J(`evidenceOrderIDs`)]}),Y.map((t,n)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:c(e,t,`conflicts`)},n)),(0,b.jsx)(`p`,{className:`actions-row`,children:(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,"data-action":`open-case`,disabled:V,children:e(`conflicts.submit`)})})]})]})}export{x as CONFLICT_KINDS,C as ConflictCounterpartySearchQuery,T as ConflictNew,S as ConflictOptionsQuery,w as OpenConflictCaseMutation};